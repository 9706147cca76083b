/// `A @ B` seen as an `m×k` by `k×n` product: a vector on the left is one row (`1×k`), a vector on
/// the right one column (`k×1`), and the result drops the dimensions the vectors did not have.
struct MatrixProduct {
    let m: Int, k: Int, n: Int
    /// `[m×n]`, `[m]` (matrix·vector), `[n]` (vector·matrix) or `[]` (vector·vector).
    let result: Shape

    /// An `m×k` by `k×n` product (the backward pass's products, whose shapes are known to fit).
    private init(m: Int, k: Int, n: Int) {
        (self.m, self.k, self.n) = (m, k, n)
        result = Shape([m, n])
    }

    init(_ a: Shape, _ b: Shape) throws(ShapeError) {
        guard (1 ... 2).contains(a.rank), (1 ... 2).contains(b.rank) else {
            throw ShapeError(op: .matmul, shapes: [a, b],
                             message: "shapes \(a) and \(b) cannot be multiplied: a matrix product takes vectors and matrices")
        }
        let m = a.rank == 2 ? a.dimensions[0] : 1
        let k = a.dimensions[a.rank - 1]
        let n = b.rank == 2 ? b.dimensions[1] : 1
        guard b.dimensions[0] == k else {
            throw ShapeError(op: .matmul, shapes: [a, b], message: "shapes \(a) and \(b) do not match for a matrix product")
        }
        (self.m, self.k, self.n) = (m, k, n)
        result = Shape((a.rank == 2 ? [m] : []) + (b.rank == 2 ? [n] : []))
    }

    /// `C = A·B`, each `C[i,j]` the left fold `A[i,0]·B[0,j] + A[i,1]·B[1,j] + …` (loop order i, p, j
    /// keeps the inner loop on contiguous rows of B and C). The loops run on buffer pointers, without
    /// bounds checks: every index is below m·k, k·n or m·n. The contributions are products too, of a
    /// transposed copy (one copy per edge, small beside the product).
    func multiply(_ a: [Double], _ b: [Double]) -> [Double] {
        var c = [Double](repeating: 0, count: m * n)
        c.withUnsafeMutableBufferPointer { c in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    for i in 0 ..< m {
                        for p in 0 ..< k {
                            let scale = a[i * k + p]
                            for j in 0 ..< n { c[i * n + j] += scale * b[p * n + j] }
                        }
                    }
                }
            }
        }
        return c
    }

    /// `Ḡ·Bᵀ`: the contribution to A (`m×k`) for the upstream `g` (`m×n`).
    func leftContribution(upstream g: [Double], b: [Double]) -> [Double] {
        MatrixProduct(m: m, k: n, n: k).multiply(g, Kernels.transpose(b, Shape([k, n])))
    }

    /// `Aᵀ·Ḡ`: the contribution to B (`k×n`) for the upstream `g` (`m×n`).
    func rightContribution(upstream g: [Double], a: [Double]) -> [Double] {
        MatrixProduct(m: k, k: m, n: n).multiply(Kernels.transpose(a, Shape([m, k])), g)
    }
}
