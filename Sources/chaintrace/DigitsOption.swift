import ArgumentParser
import ChainTrace

/// The default and help of `--digits` for one kind of output.
protocol DigitsDefault {
    /// Significant digits when `--digits` is not given.
    static var digits: Int { get }
    /// The option's help text.
    static var help: String { get }
}

/// Tables and explanations: six significant digits.
enum TextDigits: DigitsDefault {
    static let digits = 6
    static let help = "Significant digits of the numbers shown."
}

/// Diagrams and pages: four significant digits, since every node carries several numbers.
enum DiagramDigits: DigitsDefault {
    static let digits = 4
    static let help = "Significant digits of the numbers in the diagrams (tooltips and the page's panels keep more)."
}

/// `--digits`, declared once for every command; `Default` says which output it formats.
struct DigitsOption<Default: DigitsDefault>: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp(Default.help, valueName: "n"))
    var digits: Int = Default.digits

    func validate() throws {
        let range = NumberText.significantDigits
        guard range.contains(digits) else {
            throw ValidationError("--digits must be from \(range.lowerBound) to \(range.upperBound), not \(digits)")
        }
    }
}
