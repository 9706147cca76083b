"""micrograd's demo, recorded by chaintrace: an MLP scores a few points, with the demo's loss.

The loss is demo.ipynb's: the max-margin loss relu(1 − y·score) averaged over the points, plus
1e-4 · Σ p² over the parameters. The parameters get labels (w2.3.1 is layer 2, neuron 3, weight 1)
and each point's forward pass is a scope, so the report reads like the network.

Usage: python3 samples/micrograd-demo.py [OUT.json]   (default: samples/micrograd-demo.json)
Needs micrograd (pip install micrograd); then chaintrace report samples/micrograd-demo.json -o demo.html
"""
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import chaintrace  # noqa: E402  (python/chaintrace.py, or installed with pip install ./python)
from micrograd.engine import Value  # noqa: E402
from micrograd.nn import MLP  # noqa: E402

# Two interleaved half-moons, as in the demo (which draws 100 points with sklearn's make_moons).
POINTS = [([-0.9, 0.4], 1), ([0.1, 1.0], 1), ([1.0, 0.1], -1), ([1.9, 0.5], -1),
          ([0.4, -0.3], -1), ([0.9, 0.6], 1), ([1.5, -0.4], -1), ([-0.5, 0.8], 1)]


def labelled_mlp(sizes, seed=1337):
    """micrograd's MLP(2, sizes), its random start fixed by the seed, each parameter labelled."""
    random.seed(seed)
    model = MLP(2, sizes)
    for l, layer in enumerate(model.layers, 1):
        for n, neuron in enumerate(layer.neurons, 1):
            for i, weight in enumerate(neuron.w, 1):
                weight.label = f"w{l}.{n}.{i}"
            neuron.b.label = f"b{l}.{n}"
    return model


def demo_loss(model, points, rec=None):
    """demo.ipynb's total loss on the points; with a recording, each point's score in its own scope."""
    scores = []
    for k, (x, _) in enumerate(points, 1):
        inputs = list(map(Value, x))
        for i, value in enumerate(inputs, 1):
            value.label = f"x{i}"
        if rec is None:
            scores.append(model(inputs))
            continue
        with rec.scope(f"point {k}"):
            scores.append(model(inputs))
            scores[-1].label = "score"
    losses = [(1 + -y * score).relu() for (_, y), score in zip(points, scores)]
    data_loss = sum(losses) * (1.0 / len(losses))
    alpha = 1e-4
    reg_loss = alpha * sum((p * p for p in model.parameters()))
    total_loss = data_loss + reg_loss
    total_loss.label = "loss"
    return total_loss


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "micrograd-demo.json")
    model = labelled_mlp([4, 4, 1])
    with chaintrace.recording() as rec:
        loss = demo_loss(model, POINTS[:4], rec)
        loss.backward()
    rec.save(out, output=loss)


if __name__ == "__main__":
    main()
