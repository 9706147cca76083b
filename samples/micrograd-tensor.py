"""Writes samples/micrograd-tensor.ct: micrograd's demo network at tensor level, with its data as literals.

The network is demo.ipynb's MLP(2, [16, 16, 1]) (ReLU hidden layers, a linear output) with the demo's
start: random.seed(1337), then each neuron's weights drawn with random.uniform(-1, 1) in micrograd's
order and its bias 0. Row n of W1 and W2 is neuron n's weights (micrograd's w1.n.i); w3 is the output
neuron's. The 100 points are two half-moons with noise 0.1, as make_moons lays them out, drawn by the
project's SplitMix64 (seed 2026) as the Benchmarks package's Moons does, labels -1 (outer) and +1 (inner).

Usage: python3 samples/micrograd-tensor.py [OUT.ct]   (default: samples/micrograd-tensor.ct)
Tests/micrograd/test_import.py checks the trace's loss and gradients against micrograd itself.
"""
import math
import os
import random
import sys

MASK = (1 << 64) - 1


class SplitMix64:
    """Sources/ChainTrace/SplitMix64.swift, bit for bit."""

    def __init__(self, seed):
        self.state = seed

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def gaussian(self):
        """One standard normal sample (Box-Muller), as Benchmarks/.../Moons.swift draws it."""
        u1 = ((self.next() >> 11) + 1) / float(1 << 53)
        u2 = (self.next() >> 11) / float(1 << 53)
        return math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)


def moons(count=100, noise=0.1, seed=2026):
    """(points, labels): the outer moon (label -1), then the inner one (label +1)."""
    generator = SplitMix64(seed)
    points, labels = [], []
    outer = count // 2
    for half, n, label in ((0, outer, -1), (1, count - outer, 1)):
        for i in range(n):
            angle = math.pi * i / max(n - 1, 1)
            x, y = (math.cos(angle), math.sin(angle)) if half == 0 else (1 - math.cos(angle), 1 - math.sin(angle) - 0.5)
            points.append((round(x + noise * generator.gaussian(), 4), round(y + noise * generator.gaussian(), 4)))
            labels.append(label)
    return points, labels


def mlp_weights(sizes=(2, 16, 16, 1), seed=1337):
    """Each layer's weight rows (one per neuron), drawn as micrograd's MLP draws them."""
    random.seed(seed)
    return [[[random.uniform(-1, 1) for _ in range(nin)] for _ in range(nout)] for nin, nout in zip(sizes, sizes[1:])]


def literal(rows, indent):
    """A matrix literal, one row a line."""
    return "[" + (",\n" + " " * indent).join("[" + ", ".join(repr(x) for x in row) + "]" for row in rows) + "]"


def program():
    points, labels = moons()
    w1, w2, w3 = mlp_weights()
    lines = [
        "# micrograd's demo network at tensor level: MLP(2, [16, 16, 1]) on 100 half-moon points, with the",
        "# demo's max-margin loss mean(relu(1 − y·score)) + 1e-4·Σp². Written by samples/micrograd-tensor.py",
        "# (the points from SplitMix64 as the Benchmarks' moons, the weights from micrograd's random.seed(1337)).",
        "# Row n of W1 and W2 is neuron n's weights (micrograd's w1.n.i); w3 is the output neuron's.",
        "X  = " + literal(points, 6) + "    # 100 points × 2 coordinates",
        "y  = [" + ", ".join(str(label) for label in labels) + "]    # labels: −1 outer moon, +1 inner",
        "W1 = " + literal(w1, 6),
        "b1 = [" + ", ".join("0" for _ in w1) + "]",
        "W2 = " + literal(w2, 6),
        "b2 = [" + ", ".join("0" for _ in w2) + "]",
        "w3 = [" + ", ".join(repr(x) for x in w3[0]) + "]",
        "b3 = [0]",
        "h1 = relu(X @ transpose(W1) + b1)      # hidden layer 1: [100×16]",
        "h2 = relu(h1 @ transpose(W2) + b2)     # hidden layer 2: [100×16]",
        "score = h2 @ w3 + b3                   # linear output: [100]",
        "data_loss = mean(relu(1 - y * score))  # max-margin loss over the points",
        "reg_loss = 1e-4 * (sum(W1^2) + sum(b1^2) + sum(W2^2) + sum(b2^2) + sum(w3^2) + sum(b3^2))",
        "loss = data_loss + reg_loss",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "micrograd-tensor.ct")
    with open(out, "w") as f:
        f.write(program())
