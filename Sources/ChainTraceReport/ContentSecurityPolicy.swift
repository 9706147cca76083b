/// The page's Content-Security-Policy: nothing may load from anywhere; only the page's own
/// inline script and style, identified by their SHA-256 hashes, may run or apply.
public struct ContentSecurityPolicy: Sendable, Equatable {
    /// The exact text of the inline `<script>` element allowed to run.
    public let script: String
    /// The exact text of the inline `<style>` element allowed to apply.
    public let style: String

    /// A policy allowing exactly this script and this style.
    public init(script: String, style: String) {
        self.script = script
        self.style = style
    }

    /// The CSP source expression of some inline text: `'sha256-<base64 of SHA-256 of its UTF-8>'`.
    public static func hashSource(_ text: String) -> String {
        "'sha256-" + Base64.encode(SHA256.digest(text.utf8)) + "'"
    }

    /// The policy text for the `content` attribute of `<meta http-equiv="Content-Security-Policy">`.
    public var text: String {
        "default-src 'none'; img-src data:; style-src \(Self.hashSource(style)); script-src \(Self.hashSource(script)); "
            + "base-uri 'none'; form-action 'none'"
    }
}
