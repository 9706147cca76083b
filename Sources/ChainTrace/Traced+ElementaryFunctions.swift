import RealModule

/// Generic code written against ``ElementaryFunctions`` is traced unmodified: every function maps
/// to one primitive (or, for `root`, a few), so the trace shows the same operations the code names.
extension Traced: ElementaryFunctions {
    /// `eˣ`; ∂/∂x = eˣ.
    public static func exp(_ x: Traced) -> Traced { x.apply(.exp) }
    /// `eˣ − 1`; ∂/∂x = eˣ.
    public static func expMinusOne(_ x: Traced) -> Traced { x.apply(.expm1) }
    /// `cosh x`; ∂/∂x = sinh x.
    public static func cosh(_ x: Traced) -> Traced { x.apply(.cosh) }
    /// `sinh x`; ∂/∂x = cosh x.
    public static func sinh(_ x: Traced) -> Traced { x.apply(.sinh) }
    /// `tanh x`; ∂/∂x = 1 − tanh²x.
    public static func tanh(_ x: Traced) -> Traced { x.apply(.tanh) }
    /// `cos x`; ∂/∂x = −sin x.
    public static func cos(_ x: Traced) -> Traced { x.apply(.cos) }
    /// `sin x`; ∂/∂x = cos x.
    public static func sin(_ x: Traced) -> Traced { x.apply(.sin) }
    /// `tan x`; ∂/∂x = 1 + tan²x.
    public static func tan(_ x: Traced) -> Traced { x.apply(.tan) }
    /// `ln x`; ∂/∂x = 1/x.
    public static func log(_ x: Traced) -> Traced { x.apply(.log) }
    /// `ln(1 + x)`; ∂/∂x = 1/(1 + x).
    public static func log(onePlus x: Traced) -> Traced { x.apply(.log1p) }
    /// `arcosh x`; ∂/∂x = 1/√(x² − 1).
    public static func acosh(_ x: Traced) -> Traced { x.apply(.acosh) }
    /// `arsinh x`; ∂/∂x = 1/√(x² + 1).
    public static func asinh(_ x: Traced) -> Traced { x.apply(.asinh) }
    /// `artanh x`; ∂/∂x = 1/(1 − x²).
    public static func atanh(_ x: Traced) -> Traced { x.apply(.atanh) }
    /// `arccos x`; ∂/∂x = −1/√(1 − x²).
    public static func acos(_ x: Traced) -> Traced { x.apply(.acos) }
    /// `arcsin x`; ∂/∂x = 1/√(1 − x²).
    public static func asin(_ x: Traced) -> Traced { x.apply(.asin) }
    /// `arctan x`; ∂/∂x = 1/(1 + x²).
    public static func atan(_ x: Traced) -> Traced { x.apply(.atan) }
    /// `√x`; ∂/∂x = 1/(2√x).
    public static func sqrt(_ x: Traced) -> Traced { x.apply(.sqrt) }

    /// `xʸ`; ∂/∂x = y·xʸ⁻¹, ∂/∂y = xʸ·ln x.
    ///
    /// A detached exponent (a literal such as `2.5`) is recorded as a constant exponent
    /// (``Op/powConstant``), so no constant node and no ∂/∂y edge clutter the trace.
    public static func pow(_ x: Traced, _ y: Traced) -> Traced {
        y.id == nil ? x.apply(.powConstant, parameter: y.value) : Traced.apply(.pow, x, y)
    }

    /// `xⁿ` for an integer `n`, defined for every `x`; ∂/∂x = n·xⁿ⁻¹.
    public static func pow(_ x: Traced, _ n: Int) -> Traced { x.apply(.powConstant, parameter: Double(n)) }

    /// The real `n`th root: `x^(1/n)`, and `−(−x)^(1/n)` for negative `x` and odd `n`;
    /// ∂/∂x = (1/n)·root(x, n)/x. Negative `x` with even `n` gives NaN, as `Double.root` does.
    public static func root(_ x: Traced, _ n: Int) -> Traced {
        let p = 1 / Double(n)
        if x.value < 0 && n % 2 != 0 {
            return -(-x).apply(.powConstant, parameter: p)
        }
        return x.apply(.powConstant, parameter: p)
    }
}

