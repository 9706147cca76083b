// Build tool behind the EmbedPage plugin: writes the report page's script and stylesheet into a Swift
// source as string literals, so `chaintrace` stays one self-contained file while the page's text lives
// in real .js and .css files that node can check and test.
//
// Usage: embed-page OUTPUT.swift NAME=FILE[+FILE…] …
// Each NAME gets `extension NAME { static let source = "…" }` holding its files' text joined in the
// order given, without the final line break (the page writes its closing tag right after the text).
import Foundation

/// `text` as a Swift string literal with the same Unicode scalars: printable ASCII stays as it is,
/// `\` and `"` are escaped, everything else is written as `\u{…}`, so the generated file is plain ASCII.
func literal(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case " " ... "~": out.unicodeScalars.append(scalar)
        default: out += "\\u{" + String(scalar.value, radix: 16) + "}"
        }
    }
    return out + "\""
}

/// Reads one file as UTF-8, stopping the build with the file's path when it cannot.
func read(_ path: String) -> String {
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
        FileHandle.standardError.write(Data("embed-page: error: cannot read \(path) as UTF-8\n".utf8))
        exit(1)
    }
    return text
}

let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first, arguments.count > 1 else {
    FileHandle.standardError.write(Data("usage: embed-page OUTPUT.swift NAME=FILE[+FILE…] …\n".utf8))
    exit(2)
}
var generated = "// Generated at build time by embed-page (Plugins/EmbedPage); edit the page's .js and .css files instead.\n"
for spec in arguments.dropFirst() {
    let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
    guard parts.count == 2 else {
        FileHandle.standardError.write(Data("embed-page: error: '\(spec)' is not NAME=FILE[+FILE…]\n".utf8))
        exit(2)
    }
    var text = parts[1].split(separator: "+").map { read(String($0)) }.joined()
    if text.hasSuffix("\n") { text.removeLast() }
    generated += "\nextension \(parts[0]) {\n    /// The embedded text; the page's Content-Security-Policy allows exactly this text by its SHA-256.\n"
    generated += "    static let source = " + literal(text) + "\n}\n"
}
do {
    try Data(generated.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
} catch {
    FileHandle.standardError.write(Data("embed-page: error: cannot write \(output): \(error)\n".utf8))
    exit(1)
}
