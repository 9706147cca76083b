import Testing

/// A program that must fail, with where and what the error says: the case type of the language's
/// located-error tables (scalar syntax in LanguageTests, tensor syntax in TensorSyntaxTests).
struct BrokenProgram: Sendable, CustomTestStringConvertible {
    let source: String
    let line: Int
    let column: Int
    let message: String
    var testDescription: String { source }
}
