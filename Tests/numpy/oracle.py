"""An independent NumPy implementation of chaintrace's tensor operations, forward and backward.

It reads a trace JSON version 2 only for its graph (each node's operation, operands and constant
parameters, and the inputs' and constants' values), recomputes every value with NumPy, then runs
its own backward pass from the output with vector-Jacobian products written here by hand (no
autodiff library), summing contributions at branch points. Nothing chaintrace computed is reused.
"""
import numpy as np

NON_FINITE = {"NaN": np.nan, "Infinity": np.inf, "-Infinity": -np.inf}


def number(x):
    return NON_FINITE[x] if isinstance(x, str) else float(x)


def array(node, key):
    """A node's value or gradient as an array of its shape (rank 0 when the node has no shape)."""
    stored = node[key]
    if "shape" not in node:
        return np.array(number(stored))
    return np.array([number(x) for x in stored], dtype=np.float64).reshape(node["shape"])


def sigmoid(a):
    # The same overflow-free split as the scalar engine's: e^a / (1 + e^a) below 0.
    e = np.exp(-np.abs(a))
    return np.where(a >= 0, 1 / (1 + e), e / (1 + e))


def power(a, p):
    return np.power(a, p)


# Elementwise unary operations: value, and the local derivative d value / d a, both elementwise.
UNARY = {
    "neg": (lambda a, p: -a, lambda a, p: -np.ones_like(a)),
    "exp": (lambda a, p: np.exp(a), lambda a, p: np.exp(a)),
    "log": (lambda a, p: np.log(a), lambda a, p: 1 / a),
    "sqrt": (lambda a, p: np.sqrt(a), lambda a, p: 1 / (2 * np.sqrt(a))),
    "sin": (lambda a, p: np.sin(a), lambda a, p: np.cos(a)),
    "cos": (lambda a, p: np.cos(a), lambda a, p: -np.sin(a)),
    "tan": (lambda a, p: np.tan(a), lambda a, p: 1 + np.tan(a) ** 2),
    "tanh": (lambda a, p: np.tanh(a), lambda a, p: 1 - np.tanh(a) ** 2),
    "sinh": (lambda a, p: np.sinh(a), lambda a, p: np.cosh(a)),
    "cosh": (lambda a, p: np.cosh(a), lambda a, p: np.sinh(a)),
    "asin": (lambda a, p: np.arcsin(a), lambda a, p: 1 / np.sqrt(1 - a * a)),
    "acos": (lambda a, p: np.arccos(a), lambda a, p: -1 / np.sqrt(1 - a * a)),
    "atan": (lambda a, p: np.arctan(a), lambda a, p: 1 / (1 + a * a)),
    "asinh": (lambda a, p: np.arcsinh(a), lambda a, p: 1 / np.sqrt(a * a + 1)),
    "acosh": (lambda a, p: np.arccosh(a), lambda a, p: 1 / np.sqrt(a * a - 1)),
    "atanh": (lambda a, p: np.arctanh(a), lambda a, p: 1 / (1 - a * a)),
    "expm1": (lambda a, p: np.expm1(a), lambda a, p: np.exp(a)),
    "log1p": (lambda a, p: np.log1p(a), lambda a, p: 1 / (1 + a)),
    "sigmoid": (lambda a, p: sigmoid(a), lambda a, p: sigmoid(a) * (1 - sigmoid(a))),
    "relu": (lambda a, p: np.where(a > 0, a, 0.0), lambda a, p: np.where(a > 0, 1.0, 0.0)),
    "abs": (lambda a, p: np.abs(a), lambda a, p: np.sign(a)),
    "powc": (lambda a, p: power(a, p), lambda a, p: np.zeros_like(a) if p == 0 else p * power(a, p - 1)),
}

# Elementwise binary operations: value, and the local derivatives with respect to a and to b.
BINARY = {
    "add": (lambda a, b: a + b, lambda a, b: (np.ones_like(a + b), np.ones_like(a + b))),
    "sub": (lambda a, b: a - b, lambda a, b: (np.ones_like(a + b), -np.ones_like(a + b))),
    "mul": (lambda a, b: a * b, lambda a, b: (b + 0 * a, a + 0 * b)),
    "div": (lambda a, b: a / b, lambda a, b: (1 / b + 0 * a, -a / (b * b))),
    "min": (np.minimum, lambda a, b: (np.where(a < b, 1.0, np.where(a > b, 0.0, 0.5)),
                                      np.where(a > b, 1.0, np.where(a < b, 0.0, 0.5)))),
    "max": (np.maximum, lambda a, b: (np.where(a > b, 1.0, np.where(a < b, 0.0, 0.5)),
                                      np.where(a < b, 1.0, np.where(a > b, 0.0, 0.5)))),
    "pow": (lambda a, b: power(a, b),
            lambda a, b: (np.where(b == 0, 0.0, b * power(a, b - 1)),
                          np.where((a == 0) & (b > 0), 0.0, power(a, b) * np.log(np.where(a == 0, 1.0, a))))),
}


def unbroadcast(gradient, shape):
    """Sums a gradient of the broadcast shape back to an operand's shape (NumPy's broadcasting, undone)."""
    while gradient.ndim > len(shape):
        gradient = gradient.sum(axis=0)
    for axis, size in enumerate(shape):
        if size == 1 and gradient.shape[axis] != 1:
            gradient = gradient.sum(axis=axis, keepdims=True)
    return gradient


def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def logsumexp(z, axis):
    m = z.max(axis=axis, keepdims=True)
    return (m + np.log(np.exp(z - m).sum(axis=axis, keepdims=True))).squeeze(axis=axis) if axis is not None \
        else float(m.reshape(-1)[0] + np.log(np.exp(z - m).sum()))


def forward(node, operands):
    """The value of one node from its operands' values."""
    op = node["op"]
    if op in ("input", "const"):
        return array(node, "value")
    if op in UNARY:
        return UNARY[op][0](operands[0], number(node.get("exponent", 0)))
    if op in BINARY:
        return BINARY[op][0](operands[0], operands[1])
    a = operands[0]
    if op == "matmul":
        return np.matmul(a, operands[1])
    if op == "dot":
        return np.dot(a, operands[1])
    if op == "sum":
        return a.sum(axis=node["axis"])
    if op == "mean":
        return a.mean(axis=node["axis"])
    if op == "transpose":
        return a.T
    if op == "softmax":
        return softmax(a)
    if op == "logsumexp":
        return np.asarray(logsumexp(a, node["axis"]))
    if op == "index":
        return a[tuple(node["index"])]
    if op == "cross_entropy":
        return -np.sum(operands[1] * np.log(softmax(a)))
    raise ValueError(f"node {node['id']}: the oracle does not know '{op}'")


def vjp(node, operands, value, upstream):
    """The contribution of each operand: upstream (shape of the node) times the local Jacobian."""
    op, G = node["op"], upstream
    if op in UNARY:
        return [G * UNARY[op][1](operands[0], number(node.get("exponent", 0)))]
    if op in BINARY:
        a, b = operands
        da, db = BINARY[op][1](a, b)
        return [unbroadcast(G * da, a.shape), unbroadcast(G * db, b.shape)]
    a = operands[0]
    if op == "matmul":
        b = operands[1]
        if a.ndim == 2 and b.ndim == 2:
            return [G @ b.T, a.T @ G]
        if a.ndim == 2:        # matrix · vector
            return [np.outer(G, b), a.T @ G]
        if b.ndim == 2:        # vector · matrix
            return [b @ G, np.outer(a, G)]
        return [G * b, G * a]  # vector · vector
    if op == "dot":
        return [G * operands[1], G * a]
    if op in ("sum", "mean"):
        axis = node["axis"]
        spread = np.broadcast_to(G if axis is None else np.expand_dims(G, axis), a.shape)
        return [spread / (a.size if axis is None else a.shape[axis]) if op == "mean" else spread.copy()]
    if op == "transpose":
        return [G.T]
    if op == "softmax":
        s = value
        return [s * (G - (G * s).sum(axis=-1, keepdims=True))]
    if op == "logsumexp":
        axis = node["axis"]
        if axis is None:
            return [G * np.exp(a - value)]
        return [np.expand_dims(G, axis) * np.exp(a - np.expand_dims(value, axis))]
    if op == "index":
        contribution = np.zeros_like(a)
        contribution[tuple(node["index"])] = G
        return [contribution]
    if op == "cross_entropy":
        y, p = operands[1], softmax(a)
        # The logits' gradient is p − y for a target that sums to 1 per row; in general Σy·p − y.
        return [G * (y.sum(axis=-1, keepdims=True) * p - y), -G * np.log(p)]
    raise ValueError(f"node {node['id']}: the oracle does not know '{op}'")


def run(document, output=None):
    """Values and gradients of every node, recomputed; the backward pass from `output` (default: the first output)."""
    nodes = document["nodes"]
    values = []
    for node in nodes:
        values.append(np.asarray(forward(node, [values[i["node"]] for i in node["inputs"]]), dtype=np.float64))
    output = document["outputs"][0] if output is None else output
    assert values[output].size == 1, "the output must have one element"
    gradients = [np.zeros_like(v) for v in values]
    gradients[output] = np.ones_like(values[output])
    contributions = {}
    # Every operand precedes its consumer, so consumers in reverse order see their whole gradient.
    for consumer in range(output, -1, -1):
        node = nodes[consumer]
        if not node["inputs"]:
            continue
        operands = [values[i["node"]] for i in node["inputs"]]
        for position, (edge, contribution) in enumerate(zip(node["inputs"], vjp(node, operands, values[consumer], gradients[consumer]))):
            contribution = np.asarray(contribution, dtype=np.float64).reshape(values[edge["node"]].shape)
            contributions[(consumer, position)] = contribution
            gradients[edge["node"]] = gradients[edge["node"]] + contribution
    return values, gradients, contributions
