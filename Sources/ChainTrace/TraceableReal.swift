import RealModule

/// The protocols a generic scalar function can require so that both `Double` and ``Traced`` run it.
///
/// ```swift
/// func f<T: TraceableReal>(_ x: T) -> T { T.exp(-x * x) * T.sin(3 * x) }
/// f(0.5)                          // a Double
/// f(trace.input("x", 0.5))        // the same code, recorded on a trace
/// ```
///
/// `Traced` does not conform to `Real`: see <doc:TracingSwiftCode> for why.
public typealias TraceableReal = ElementaryFunctions & AlgebraicField & Comparable & ExpressibleByFloatLiteral
