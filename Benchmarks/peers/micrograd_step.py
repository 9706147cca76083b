"""micrograd's demo step on the points and parameters chaintrace-benchmarks wrote (moons.json).

Usage: python3 micrograd_step.py DIR REPEATS MEMORY_POINTS
Prints tab-separated figure and check lines like the Swift program: the step's time (fastest of
REPEATS), its node count, its loss and gradients against chaintrace's, and, on MEMORY_POINTS points
in a fresh interpreter state, the peak resident set per node.
"""
import json
import sys
import time

from micrograd.engine import Value
from micrograd.nn import MLP


def figure(key, value, unit, what):
    print(f"figure\t{key}\t{value}\t{unit}\t{what}")


def check(key, passed, detail):
    print(f"check\t{key}\t{'ok' if passed else 'FAIL'}\t{detail}")
    return passed


def model_with(parameters, sizes):
    """micrograd's MLP(2, [16, 16, 1]) with its parameters replaced by chaintrace's."""
    model = MLP(sizes[0], sizes[1:])
    for p, value in zip(model.parameters(), parameters, strict=True):
        p.data = value
    return model


def demo_loss(model, points, labels, alpha):
    """micrograd's demo `loss()`: max-margin mean(relu(1 - y*score)) + alpha * sum(p*p)."""
    inputs = [list(map(Value, row)) for row in points]
    scores = list(map(model, inputs))
    losses = [(1 + -yi * scorei).relu() for yi, scorei in zip(labels, scores)]
    data_loss = sum(losses) * (1.0 / len(losses))
    reg_loss = alpha * sum((p * p for p in model.parameters()))
    return data_loss + reg_loss


def count_nodes(root):
    """The number of Values in the graph under `root` (iteratively: micrograd's own walk recurses)."""
    seen, stack = {id(root)}, [root]
    while stack:
        for child in stack.pop()._prev:
            if id(child) not in seen:
                seen.add(id(child))
                stack.append(child)
    return len(seen)


def peak_resident():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


def relative(a, b):
    return abs(a - b) / max(abs(a), abs(b), 1e-300)


def main():
    directory, repeats, memory_points = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    sys.setrecursionlimit(100_000)  # micrograd's backward walks the graph recursively
    with open(f"{directory}/moons.json") as f:
        data = json.load(f)
    sizes, points, labels, alpha = data["sizes"], data["points"], [int(y) for y in data["labels"]], data["alpha"]

    # Memory first, while the peak is still the interpreter's own.
    model = model_with(data["parameters"], sizes)
    more = [points[i % len(points)] for i in range(memory_points)]
    more_labels = [labels[i % len(labels)] for i in range(memory_points)]
    before = peak_resident()
    loss = demo_loss(model, more, more_labels, alpha)
    loss.backward()
    after = peak_resident()
    nodes = count_nodes(loss)
    figure("peer.micrograd.memory.nodes", nodes, "nodes", "nodes micrograd recorded for the memory figure")
    figure("peer.micrograd.memory.node", (after - before) / nodes, "B/node", "micrograd: peak RSS growth per node, backward included")
    del loss, model

    fastest = float("inf")
    for _ in range(repeats):
        model = model_with(data["parameters"], sizes)
        start = time.perf_counter()
        loss = demo_loss(model, points, labels, alpha)
        model.zero_grad()
        loss.backward()
        fastest = min(fastest, time.perf_counter() - start)
    nodes = count_nodes(loss)
    figure("peer.micrograd.step", fastest * 1e3, "ms", "micrograd's demo step, forward + backward")
    figure("peer.micrograd.step.node", fastest / nodes * 1e9, "ns/node", "micrograd, per node")
    figure("peer.micrograd.nodes", nodes, "nodes", "nodes micrograd records in one step")
    worst = max(relative(p.grad, g) for p, g in zip(model.parameters(), data["gradients"], strict=True))
    check("peer.micrograd.gradients", relative(loss.data, data["loss"]) <= 1e-12 and worst <= 1e-12,
          f"loss {loss.data} vs chaintrace {data['loss']}; gradients within {worst} relative")


main()
