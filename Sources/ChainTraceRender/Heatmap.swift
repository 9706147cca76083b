import ChainTraceTensor

/// A tensor's values as a small grid of colours, a thumbnail readable at a glance for any size.
///
/// The tensor is seen as a matrix: rank 0 and 1 as one row, rank 2 as it is, rank 3 and above as
/// [product of the leading dimensions × last dimension]. A matrix larger than ``maxSide`` along a side
/// is cut into blocks of equal size (the last block of a side may be smaller) and each cell shows its
/// block's mean, so a 1024×784 weight becomes 16×16 cells of 64×49 elements. Colours diverge around
/// 0, symmetric in sign and scaled by the largest finite |cell| (the largest |element| when nothing is
/// down-sampled): white for 0, ``positive`` at +scale, ``negative`` at −scale, as the diagrams colour
/// positive and negative contributions. Scaling by the largest element instead would wash out the
/// means of large random matrices, which are far smaller than their extremes; the summary beside a
/// heatmap gives those. A cell whose block holds a NaN or ±∞ is ``nonFinite``, a colour the diverging
/// scale never reaches.
public struct Heatmap: Sendable, Equatable {
    /// The most cells along a side.
    public static let maxSide = 16
    /// The colour of the largest positive value.
    public static let positive = DiagramStyle.positive
    /// The colour of the most negative value.
    public static let negative = DiagramStyle.negative
    /// The colour of a cell whose block holds a NaN or an infinity.
    public static let nonFinite = "#F6C000"

    /// Cells down.
    public let rows: Int
    /// Cells across.
    public let columns: Int
    /// How many rows of the matrix one cell covers (the last row of cells may cover fewer).
    public let rowsPerCell: Int
    /// How many columns of the matrix one cell covers (the last column of cells may cover fewer).
    public let columnsPerCell: Int
    /// The largest finite |cell value|: the value that gets the full colour (0 when none is finite and non-zero).
    public let scale: Double
    /// Each cell's block mean, row-major; NaN or ±∞ when its block holds one.
    public let values: [Double]
    /// Each cell's colour as `#RRGGBB`, row-major.
    public let colors: [String]

    /// The heatmap of `tensor`, in one pass over its elements.
    public init(_ tensor: Tensor) {
        let dimensions = tensor.shape.dimensions
        let width = dimensions.last ?? 1
        let height = tensor.elements.count / width
        rowsPerCell = (height + Self.maxSide - 1) / Self.maxSide
        columnsPerCell = (width + Self.maxSide - 1) / Self.maxSide
        rows = (height + rowsPerCell - 1) / rowsPerCell
        columns = (width + columnsPerCell - 1) / columnsPerCell
        // Each element is divided by its block's size before it is added, so a block of huge
        // finite elements averages without overflowing to ∞ (and being marked non-finite).
        var sums = [Double](repeating: 0, count: rows * columns)
        for row in 0 ..< height {
            let cellRow = row / rowsPerCell
            let blockHeight = Swift.min(rowsPerCell, height - cellRow * rowsPerCell)
            for column in 0 ..< width {
                let x = tensor.elements[row * width + column]
                let cellColumn = column / columnsPerCell
                let blockWidth = Swift.min(columnsPerCell, width - cellColumn * columnsPerCell)
                sums[cellRow * columns + cellColumn] += x / Double(blockHeight * blockWidth)
            }
        }
        let largest = sums.reduce(0.0) { $1.isFinite ? Swift.max($0, $1.magnitude) : $0 }
        scale = largest
        values = sums
        colors = sums.map { Self.color($0, scale: largest) }
    }

    /// The colour of `x` on the diverging scale that reaches full colour at ±`scale`.
    public static func color(_ x: Double, scale: Double) -> String {
        guard x.isFinite else { return nonFinite }
        guard scale > 0, x != 0 else { return "#FFFFFF" }
        let amount = Swift.min(1, x.magnitude / scale)
        return DiagramStyle.mix(x > 0 ? positive : negative, towardsWhite: 1 - amount)
    }
}
