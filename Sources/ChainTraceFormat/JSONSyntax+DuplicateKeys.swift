import ChainTrace

extension JSONSyntax {
    /// The first key that appears twice in one object of a syntactically valid JSON text: its JSON
    /// path (`$.nodes[1].value`) and where the second occurrence starts. Foundation's decoder keeps
    /// one of the two silently, so a file could say two things and be read as either.
    ///
    /// One pass with an explicit stack (no recursion: nesting depth is the file's to choose);
    /// keys are compared after their escapes are decoded (`"na\u006de"` is `"name"`).
    static func duplicateKey(in bytes: [UInt8]) -> (path: String, location: TextLocation)? {
        var stack: [Container] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"): stack.append(.object(keys: [], current: nil, expectingKey: true))
            case UInt8(ascii: "["): stack.append(.array(index: 0))
            case UInt8(ascii: "}"), UInt8(ascii: "]"): stack.removeLast()
            case UInt8(ascii: ","):
                switch stack.last {
                case .array(let position): stack[stack.count - 1] = .array(index: position + 1)
                case .object(let keys, let current, _): stack[stack.count - 1] = .object(keys: keys, current: current, expectingKey: true)
                case nil: break
                }
            case UInt8(ascii: "\""):
                let end = stringEnd(from: index, in: bytes)
                if case .object(var keys, _, true) = stack.last {
                    let key = decodedString(bytes[index + 1 ..< end - 1])
                    if !keys.insert(key).inserted {
                        return (path(of: stack.dropLast()) + pathComponent(key), TextLocation(offset: index, in: bytes))
                    }
                    stack[stack.count - 1] = .object(keys: keys, current: key, expectingKey: false)
                }
                index = end
                continue
            default: break
            }
            index += 1
        }
        return nil
    }

    /// An open object (its keys so far, the key of the value being read) or array (the value's index).
    private enum Container {
        case object(keys: Set<String>, current: String?, expectingKey: Bool)
        case array(index: Int)
    }

    private static func path(of containers: ArraySlice<Container>) -> String {
        containers.reduce("$") { path, container in
            switch container {
            case .array(let index): "\(path)[\(index)]"
            case .object(_, let current, _): path + pathComponent(current ?? "")
            }
        }
    }

    /// `.name` for a plain key, `["any key"]` otherwise (quotes, backslashes and controls escaped, long keys cut).
    private static func pathComponent(_ key: String) -> String {
        let plain = key.unicodeScalars.first.map { $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) } ?? false
            && key.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) || ("0" ... "9").contains($0) }
        if plain && key.count <= 64 { return "." + key }
        var quoted = ""
        for scalar in key.unicodeScalars.prefix(64) {
            switch scalar {
            case "\"", "\\": quoted += "\\" + String(scalar)
            case _ where scalar.value < 0x20 || (0x7F ... 0x9F).contains(scalar.value):
                let hex = String(scalar.value, radix: 16)
                quoted += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return "[\"" + quoted + (key.unicodeScalars.count > 64 ? "…" : "") + "\"]"
    }

    /// The index just past the closing quote of the string whose opening quote is at `start`.
    private static func stringEnd(from start: Int, in bytes: [UInt8]) -> Int {
        var index = start + 1
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
            index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
        }
        return Swift.min(index + 1, bytes.count)
    }

    /// A JSON string's contents (between the quotes) with its escapes decoded.
    private static func decodedString(_ body: ArraySlice<UInt8>) -> String {
        guard body.contains(UInt8(ascii: "\\")) else { return String(decoding: body, as: UTF8.self) }
        var units: [UInt16] = []
        var index = body.startIndex
        while index < body.endIndex {
            let byte = body[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < body.endIndex else {
                // Plain text: copy one UTF-8 sequence as UTF-16.
                let length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
                let end = Swift.min(index + length, body.endIndex)
                units += String(decoding: body[index ..< end], as: UTF8.self).utf16
                index = end
                continue
            }
            let escaped = body[index + 1]
            switch escaped {
            case UInt8(ascii: "u") where index + 6 <= body.endIndex:
                units.append(UInt16(String(decoding: body[index + 2 ..< index + 6], as: UTF8.self), radix: 16) ?? 0xFFFD)
                index += 6
                continue
            case UInt8(ascii: "b"): units.append(0x08)
            case UInt8(ascii: "f"): units.append(0x0C)
            case UInt8(ascii: "n"): units.append(0x0A)
            case UInt8(ascii: "r"): units.append(0x0D)
            case UInt8(ascii: "t"): units.append(0x09)
            default: units.append(UInt16(escaped))  // \" \\ \/
            }
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }
}
