import FoundationEssentials

/// Standard Base64 (RFC 4648, with padding), as CSP source expressions and data URLs require:
/// Foundation's encoder, in the one place the report uses it.
enum Base64 {
    /// The Base64 text of `bytes`.
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }
}
