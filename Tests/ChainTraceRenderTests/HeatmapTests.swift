@testable import ChainTraceRender
import ChainTraceTensor
import Testing

/// A tensor's thumbnail: at most 16×16 cells of block means, rank ≤ 1 as one row, rank > 2 flattened,
/// a diverging scale symmetric around 0, NaN and ±∞ in their own colour.
struct HeatmapTests {
    @Test func aSmallMatrixKeepsOneCellPerElementOnADivergingScale() {
        let map = Heatmap(Tensor(rows: [[-2, 0], [1, 2]]))
        #expect(map.rows == 2 && map.columns == 2 && map.rowsPerCell == 1 && map.columnsPerCell == 1)
        #expect(map.scale == 2 && map.values == [-2, 0, 1, 2])
        #expect(map.colors == [Heatmap.negative, "#FFFFFF", "#95B6D8", Heatmap.positive])
        // Symmetric: −x and x are equally far from white.
        #expect(Heatmap.color(-1, scale: 2) == "#E29898" && Heatmap.color(1, scale: 2) == "#95B6D8")
    }

    @Test func vectorsAndScalarsAreOneRowAndHigherRanksAreFlattened() {
        let vector = Heatmap(Tensor(vector: (0 ..< 10).map(Double.init)))
        #expect(vector.rows == 1 && vector.columns == 10)
        let scalar = Heatmap(Tensor(scalar: -3))
        #expect(scalar.rows == 1 && scalar.columns == 1 && scalar.colors == [Heatmap.negative])
        let cube = Heatmap(Tensor(shape: Shape([2, 3, 4]), elements: (0 ..< 24).map(Double.init)))
        #expect(cube.rows == 6 && cube.columns == 4 && cube.values[5 * 4 + 3] == 23)
        let long = Heatmap(Tensor(vector: (0 ..< 1000).map(Double.init)))
        #expect(long.rows == 1 && long.columns == 16 && long.columnsPerCell == 63)
    }

    @Test func aLargeMatrixIsDownSampledByBlockMeans() {
        // 1024×784: blocks of 64×49 elements, 16×16 cells; element (r, c) = r − c.
        let height = 1024, width = 784
        let elements = (0 ..< height * width).map { Double($0 / width - $0 % width) }
        let map = Heatmap(Tensor(shape: Shape([height, width]), elements: elements))
        #expect(map.rows == 16 && map.columns == 16 && map.colors.count == 256)
        #expect(map.rowsPerCell == 64 && map.columnsPerCell == 49)
        // The scale is the largest |block mean| (block (15, 0): 960 + 31.5 − 24), not the largest |element| (1023).
        #expect(abs(map.scale - 967.5) < 1e-9)
        // Block (i, j) holds rows 64i … 64i+63 and columns 49j … 49j+48: its mean is 64i + 31.5 − 49j − 24.
        for (i, j) in [(0, 0), (3, 7), (15, 15)] {
            let expected: Double = Double(64 * i - 49 * j) + 7.5
            #expect(abs(map.values[i * 16 + j] - expected) < 1e-9)
        }
        // 100 rows: blocks of 7 rows, the last one of 2.
        let uneven = Heatmap(Tensor(shape: Shape([100, 2]), elements: (0 ..< 200).map { Double($0 / 2) }))
        #expect(uneven.rows == 15 && uneven.rowsPerCell == 7 && uneven.values[14 * 2] == 98.5)
    }

    @Test func nonFiniteBlocksHaveTheirOwnColourAndDoNotSetTheScale() {
        var elements = [Double](repeating: 1, count: 64 * 64)
        elements[0] = .nan
        elements[64 * 63 + 63] = -.infinity
        elements[5] = -4
        let map = Heatmap(Tensor(shape: Shape([64, 64]), elements: elements))
        // Blocks of 4×4: the −4 makes its block's mean (15 − 4) / 16; every other finite block's is 1.
        #expect(map.scale == 1)
        #expect(map.values[1] == 11.0 / 16)
        #expect(map.colors.filter { $0 == Heatmap.nonFinite }.count == 2)
        #expect(map.colors.first == Heatmap.nonFinite && map.colors.last == Heatmap.nonFinite)
        #expect(map.colors.allSatisfy { $0.count == 7 && $0.hasPrefix("#") })
        // Huge finite elements average without overflowing into the non-finite colour.
        let huge = Heatmap(Tensor(shape: Shape([32, 1]), elements: [Double](repeating: 1.5e308, count: 32)))
        #expect(huge.colors == [String](repeating: Heatmap.positive, count: 16))
    }

    @Test func theSameTensorGivesTheSameColours() {
        let tensor = Tensor(shape: Shape([40, 40]), elements: (0 ..< 1600).map { Double(($0 * 7919) % 201) - 100 })
        #expect(Heatmap(tensor) == Heatmap(tensor))
        #expect(Heatmap(Tensor(repeating: 0, shape: Shape([3]))).colors == ["#FFFFFF", "#FFFFFF", "#FFFFFF"])
    }
}
