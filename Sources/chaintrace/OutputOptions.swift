import ArgumentParser
import ChainTraceText
import FoundationEssentials

/// `-o/--to`: the one file `render` and `report` write, checked before any work.
struct DestinationOption: ParsableArguments {
    @Option(name: [.customShort("o"), .customLong("to")], help: ArgumentHelp("The file to write ('-' for standard output).", valueName: "path"))
    var destination: String

    func validate() throws {
        try OutputPath.check(destination, option: "--to")
    }

    /// Writes `bytes` to the destination (atomically, or to standard output for `-`), never over `input`'s file.
    func write(_ bytes: [UInt8], sparing input: ComputationInput) throws {
        try OutputFile.write(Data(bytes), to: destination, sparing: input)
    }
}

/// `--json`: the command's result as JSON besides (or, with `-`, instead of) its text.
struct JSONOutputOption: ParsableArguments {
    @Option(help: ArgumentHelp("Also write the result as JSON to this path ('-' for standard output, which then carries only the JSON).", valueName: "path"))
    var json: String?

    func validate() throws {
        if let json { try OutputPath.check(json, option: "--json") }
    }

    /// Writes the JSON `text` makes when `--json` was given, never over `input`'s file; true when it
    /// went to standard output, so the command prints nothing else.
    func write(sparing input: ComputationInput, _ text: () throws -> String) throws -> Bool {
        try stream(sparing: input) { try $0.write(Array(try text().utf8)) }
    }

    /// As ``write(sparing:_:)``, for JSON that `produce` streams into the sink it is given (a large trace).
    func stream(sparing input: ComputationInput, _ produce: (any ByteSink) throws -> Void) throws -> Bool {
        guard let json else { return false }
        try OutputFile.stream(to: json, sparing: input, produce)
        return json == "-"
    }
}
