import ChainTrace
import ChainTraceLanguage
import ChainTraceTensor
import Testing

/// The tensor tables summarise a large tensor with ``TensorSummary``: four numbers, then its NaN and ±∞ counts.
struct TensorTapePrinterTests {
    @Test func aLargeTensorIsSummarisedWithItsNonFiniteCounts() {
        let printer = TensorTapePrinter(digits: 4)
        let finite = Tensor(vector: [3, -4, 0, 0, 0, 0, 0, 0, 1])
        #expect(printer.text(finite) == "min −4 mean 0 max 3 ‖·‖ 5.099")
        let broken = Tensor(vector: [3, -4, .nan, .infinity, 0, 0, 0, -.infinity, .nan, 1])
        #expect(printer.text(broken) == "min −4 mean 0 max 3 ‖·‖ NaN (2 NaN, 2 ±∞)")
        #expect(printer.text(Tensor(repeating: .nan, shape: Shape([3, 3]))) == "‖·‖ NaN (9 NaN)")
    }
}
