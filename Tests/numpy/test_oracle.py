#!/usr/bin/env python3
"""chaintrace's tensor traces against an independent NumPy implementation (Tests/numpy/oracle.py).

For every tensor program here (*.ct) and for random programs made from a fixed seed, runs
`chaintrace trace P.ct --json`, recomputes every node's value and gradient and every backward step's
upstream and contribution with NumPy and hand-written vector-Jacobian products, and compares them
to 1e-12, relative to the largest magnitude of the tensor compared (NumPy sums in another order).
The issue's two-layer network is also checked against the textbook backpropagation equations.

Usage: python3 Tests/numpy/test_oracle.py .build/debug/chaintrace   (prints "numpy: N passed, M failed")
"""
import glob
import json
import os
import random
import subprocess
import sys
import tempfile
import traceback

import numpy as np

sys.dont_write_bytecode = True  # importing the oracle must leave no __pycache__ in the clone
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
TOLERANCE = 1e-12
RANDOM_PROGRAMS = 60


def close(found, expected):
    """Elementwise |found − expected| ≤ 1e-12 × the larger magnitude in either tensor (NaN matches NaN)."""
    found, expected = np.asarray(found, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    if found.shape != expected.shape:
        return False
    both_nan = np.isnan(found) & np.isnan(expected)
    same = (found == expected) | both_nan
    finite = np.isfinite(found) & np.isfinite(expected)
    scale = max(np.abs(found[finite]).max(initial=0), np.abs(expected[finite]).max(initial=0))
    return bool(np.all(same | (finite & (np.abs(found - expected) <= TOLERANCE * scale))))


def shaped(stored, shape):
    return np.array([oracle.number(x) for x in stored] if isinstance(stored, list) else oracle.number(stored)).reshape(shape)


def trace(binary, program, folder):
    out = os.path.join(folder, "trace.json")
    subprocess.run([binary, "trace", program, "--json", out], check=True, stdout=subprocess.DEVNULL)
    return json.load(open(out))


def compare(document):
    """Every value, gradient, upstream and contribution of the document against the oracle's."""
    assert document["version"] == 2, f"expected a version 2 (tensor) trace, found version {document['version']}"
    values, gradients, contributions = oracle.run(document)
    nodes = document["nodes"]
    for node, value, gradient in zip(nodes, values, gradients):
        shape = tuple(node.get("shape", ()))
        where = f"node {node['id']} ({node['op']}{' ' + node['name'] if node['name'] else ''})"
        assert shape == value.shape, f"{where}: shape {list(shape)}, NumPy's {list(value.shape)}"
        assert close(oracle.array(node, "value"), value), f"{where}: value {node['value']}, NumPy's {value.tolist()}"
        assert close(oracle.array(node, "grad"), gradient), f"{where}: gradient {node['grad']}, NumPy's {gradient.tolist()}"
    steps = document["backward"]["steps"]
    assert steps, "the backward record has steps"
    for index, step in enumerate(steps):
        consumer, operand = step["consumer"], step["operand"]
        assert step["node"] == nodes[consumer]["inputs"][operand]["node"], f"step {index}: operand node"
        assert close(shaped(step["upstream"], values[consumer].shape), gradients[consumer]), f"step {index}: upstream"
        expected = contributions[(consumer, operand)]
        assert close(shaped(step["contribution"], expected.shape), expected), \
            f"step {index} ({nodes[consumer]['op']} operand {operand}): contribution {step['contribution']}, NumPy's {expected.tolist()}"
    for entry in document["backward"]["sums"]:
        assert close(shaped(entry["grad"], values[entry["node"]].shape), gradients[entry["node"]]), f"sum at node {entry['node']}"
    return len(nodes), len(steps)


def named(document, name):
    """The last node bearing `name`, as chaintrace's name lookup does."""
    return [node for node in document["nodes"] if node["name"] == name][-1]


def textbook_layers(document):
    """The two-layer network's gradients from the backpropagation equations (deltas), not from the graph."""
    x, W1, b1, W2, b2, y = (oracle.array(named(document, n), "value") for n in ("x", "W1", "b1", "W2", "b2", "y"))
    h = oracle.sigmoid(W1 @ x + b1)
    o = oracle.sigmoid(W2 @ h + b2)
    J = 0.5 * np.sum((o - y) ** 2)
    delta2 = (o - y) * o * (1 - o)              # ∂J/∂z2
    delta1 = (W2.T @ delta2) * h * (1 - h)      # ∂J/∂z1
    expected = {"J": J, "W2": np.outer(delta2, h), "b2": delta2, "W1": np.outer(delta1, x), "b1": delta1,
                "x": W1.T @ delta1, "y": -(o - y)}
    for name, gradient in expected.items():
        node = named(document, name)
        found = oracle.array(node, "value" if name == "J" else "grad")
        assert close(found, gradient), f"{name}: chaintrace {found.tolist()}, backpropagation equations {np.asarray(gradient).tolist()}"


class RandomProgram:
    """A random tensor program: inputs of ranks 0 to 2, elementwise functions, broadcasting, matrix
    products, reductions, softmax, cross_entropy, transpose, dot and indexing, summed into one scalar output."""

    UNARY = ["sin", "cos", "tanh", "sigmoid", "atan", "asinh", "relu", "abs", "exp"]

    def __init__(self, seed):
        self.random = random.Random(seed)
        self.lines, self.shapes, self.count = [], {}, 0

    def literal(self, shape):
        number = lambda: f"{self.random.uniform(-1.5, 1.5):.3g}"
        if not shape:
            return number()
        if len(shape) == 1:
            return "[" + ", ".join(number() for _ in range(shape[0])) + "]"
        return "[" + ", ".join("[" + ", ".join(number() for _ in range(shape[1])) + "]" for _ in range(shape[0])) + "]"

    def assign(self, expression, shape):
        name = f"v{self.count}"
        self.count += 1
        self.lines.append(f"{name} = {expression}")
        self.shapes[name] = tuple(shape)
        return name

    def pick(self, test=lambda shape: True):
        names = [n for n, s in self.shapes.items() if test(s)]
        return self.random.choice(names) if names else None

    def broadcast_partner(self, shape):
        """A shape that broadcasts with `shape`: equal, scalar, trailing part, or with size-1 dimensions."""
        choices = [shape, ()]
        if shape:
            choices.append(shape[1:])
            choices.append(tuple(1 if self.random.random() < 0.5 else d for d in shape))
        return self.random.choice(choices)

    def statement(self):
        r = self.random
        kind = r.choice(["unary", "unary", "binary", "binary", "binary", "matmul", "matmul", "reduce", "softmax", "transpose", "dot", "index", "power"])
        if kind == "unary":
            a = self.pick()
            return self.assign(f"{r.choice(self.UNARY)}({a})", self.shapes[a])
        if kind == "power":
            a = self.pick()
            return self.assign(f"{a}^{r.choice([2, 3])}", self.shapes[a])
        if kind == "binary":
            a = self.pick()
            partner = self.broadcast_partner(self.shapes[a])
            b = self.pick(lambda s: s == partner) or self.assign(self.literal(partner), partner)
            first, second = (a, b) if r.random() < 0.5 else (b, a)
            shape = np.broadcast_shapes(self.shapes[first], self.shapes[second])
            op = r.choice(["+", "-", "*", "/", "min", "max"])
            if op == "/":
                return self.assign(f"{first} / (1.5 + sin({second}))", shape)
            if op in ("min", "max"):
                return self.assign(f"{op}({first}, {second})", shape)
            return self.assign(f"{first} {op} {second}", shape)
        if kind == "matmul":
            a = self.pick(lambda s: len(s) >= 1)
            if a is None:
                return None
            shape = self.shapes[a]
            inner = shape[-1]
            if len(shape) == 2:
                right = r.choice([(inner,), (inner, r.randint(1, 4))])
            else:
                right = (inner, r.randint(1, 4))
            b = self.pick(lambda s: s == right) or self.assign(self.literal(right), right)
            result = shape[:-1] + right[1:]
            return self.assign(f"{a} @ {b}", result)
        if kind == "reduce":
            a = self.pick(lambda s: len(s) >= 1)
            if a is None:
                return None
            function = r.choice(["sum", "mean", "logsumexp"])
            shape = self.shapes[a]
            if r.random() < 0.5:
                return self.assign(f"{function}({a})", ())
            axis = r.randrange(len(shape))
            return self.assign(f"{function}({a}, axis={axis})", shape[:axis] + shape[axis + 1:])
        if kind == "softmax":
            a = self.pick(lambda s: len(s) >= 1)
            if a is None or r.random() < 0.5:
                return a and self.assign(f"softmax({a})", self.shapes[a])
            # A fresh literal target, any numbers (the rules are exact for any target): one picked from the
            # program can equal softmax(a), where the logits' gradient is 0 up to rounding noise.
            b = self.assign(self.literal(self.shapes[a]), self.shapes[a])
            return self.assign(f"cross_entropy({a}, {b})", ())
        if kind == "transpose":
            a = self.pick(lambda s: len(s) == 2)
            return a and self.assign(f"transpose({a})", self.shapes[a][::-1])
        if kind == "dot":
            a = self.pick(lambda s: len(s) == 1)
            if a is None:
                return None
            b = self.pick(lambda s: s == self.shapes[a]) or self.assign(self.literal(self.shapes[a]), self.shapes[a])
            return self.assign(f"dot({a}, {b})", ())
        a = self.pick(lambda s: len(s) >= 1)
        if a is None:
            return None
        position = ", ".join(str(r.randrange(d)) for d in self.shapes[a])
        return self.assign(f"{a}[{position}]", ())

    def text(self):
        r = self.random
        # The first input is a vector or a matrix, so every program is a tensor program.
        for index in range(r.randint(1, 3)):
            shape = r.choice(([()] if index else []) + [(r.randint(1, 4),), (r.randint(1, 4), r.randint(1, 4))])
            self.assign(self.literal(shape), shape)
        for _ in range(r.randint(4, 12)):
            self.statement()
        # One scalar output that uses the last few values, so most of the program reaches it.
        last = list(self.shapes)[-3:]
        terms = [f"sum({name})" if self.shapes[name] else name for name in last]
        self.lines.append("out = " + " + ".join(terms))
        return "\n".join(self.lines) + "\n"


def main():
    binary = os.path.abspath(sys.argv[1])
    passed = failed = 0
    with tempfile.TemporaryDirectory() as folder:
        cases = [(os.path.basename(p), p) for p in sorted(glob.glob(os.path.join(HERE, "*.ct")))]
        for seed in range(RANDOM_PROGRAMS):
            path = os.path.join(folder, f"random-{seed}.ct")
            with open(path, "w") as out:
                out.write(RandomProgram(seed).text())
            cases.append((f"random program {seed}", path))
        for name, path in cases:
            try:
                document = trace(binary, path, folder)
                nodes, steps = compare(document)
                if name == "layers.ct":
                    textbook_layers(document)
                passed += 1
                print(f"ok   {name}: {nodes} nodes, {steps} steps")
            except Exception:
                failed += 1
                print(f"FAIL {name}")
                traceback.print_exc(limit=1)
                if name.startswith("random"):
                    print(open(path).read())
    print(f"numpy: {passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
