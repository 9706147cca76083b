// Build tool behind the EmbedPage plugin: writes the report page's script and stylesheet into a Swift
// source as string literals, so `chaintrace` stays one self-contained file while the page's text lives
// in real .js and .css files that node can check and test.
//
// Usage: embed-page OUTPUT.swift --name NAME FILE… [--name NAME FILE…]…
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
        fail("embed-page: error: cannot read \(path) as UTF-8", status: 1)
    }
    return text
}

/// Stops the build with a message on standard error.
func fail(_ message: String, status: Int32) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(status)
}

let arguments = Array(CommandLine.arguments.dropFirst())
let usage = "usage: embed-page OUTPUT.swift --name NAME FILE… [--name NAME FILE…]…"
guard arguments.count > 3, arguments[1] == "--name" else { fail(usage, status: 2) }
let output = arguments[0]
// Each `--name NAME` starts a group; the files up to the next `--name` are its text.
var groups: [(name: String, files: [String])] = []
var rest = arguments[1...]
while let flag = rest.popFirst() {
    if flag == "--name", let name = rest.popFirst() {
        groups.append((name, []))
    } else if !groups.isEmpty, flag != "--name" {
        groups[groups.count - 1].files.append(flag)
    } else {
        fail(usage, status: 2)
    }
}
var generated = "// Generated at build time by embed-page (Plugins/EmbedPage); edit the page's .js and .css files instead.\n"
for group in groups {
    guard !group.files.isEmpty else { fail("embed-page: error: --name \(group.name) has no files", status: 2) }
    var text = group.files.map(read).joined()
    if text.hasSuffix("\n") { text.removeLast() }
    generated += "\nextension \(group.name) {\n    /// The embedded text; the page's Content-Security-Policy allows exactly this text by its SHA-256.\n"
    generated += "    static let source = " + literal(text) + "\n}\n"
}
do {
    try Data(generated.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
} catch {
    fail("embed-page: error: cannot write \(output): \(error)", status: 1)
}
