#!/usr/bin/env python3
"""The micrograd importer (python/chaintrace.py) against real micrograd from PyPI and the built CLI.

Each trace the module writes must be schema-valid, read back by chaintrace and written again byte
for byte, and carry gradients equal to micrograd's own .grad (micrograd sums contributions in
another order, so up to rounding).

Usage: python3 Tests/micrograd/test_import.py .build/debug/chaintrace   (prints "micrograd: N passed, M failed")
"""
import importlib.util
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "python"))
sys.dont_write_bytecode = True  # importing python/ and samples/ must leave no __pycache__ in the clone

import chaintrace  # noqa: E402
import jsonschema  # noqa: E402
from micrograd.engine import Value  # noqa: E402

BINARY = os.path.abspath(sys.argv[1])
SCHEMA = json.load(open(os.path.join(ROOT, "Sources/ChainTraceFormat/trace-v1.schema.json")))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
FOLDER = tempfile.mkdtemp()


def load_demo():
    spec = importlib.util.spec_from_file_location("micrograd_demo", os.path.join(ROOT, "samples", "micrograd-demo.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


DEMO = load_demo()


def close(a, b, tolerance=1e-9):
    return abs(a - b) <= tolerance * max(1.0, abs(a), abs(b))


def through_chaintrace(rec, output, name, schema=True):
    """Saves the trace, checks it against the schema, has chaintrace read and rewrite it; returns it.

    The schema check takes jsonschema about a second per thousand nodes, so large traces skip it."""
    path = os.path.join(FOLDER, name + ".json")
    rec.save(path, output=output)
    written = open(path, "rb").read()
    errors = list(VALIDATOR.iter_errors(json.loads(written))) if schema else []
    assert not errors, f"schema: {errors[0].message} at {list(errors[0].absolute_path)}"
    again = path + ".again.json"
    subprocess.run([BINARY, "trace", path, "--json", again], check=True, stdout=subprocess.DEVNULL)
    assert open(again, "rb").read() == written, "chaintrace trace --json did not reproduce the module's bytes"
    return json.loads(written)


def named(document, name):
    nodes = [node for node in document["nodes"] if node["name"] == name]
    assert len(nodes) == 1, f"{len(nodes)} nodes named {name}"
    return nodes[0]


def check_passes(path):
    """chaintrace check: every local partial and input gradient against finite differences."""
    result = subprocess.run([BINARY, "check", path], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_demo_mlp_gradients_equal_micrograds():
    model = DEMO.labelled_mlp([16, 16, 1])
    with chaintrace.recording() as rec:
        loss = DEMO.demo_loss(model, DEMO.POINTS, rec)
        model.zero_grad()
        loss.backward()
    document = through_chaintrace(rec, loss, "mlp", schema=False)  # the sample, made by the same code, is checked
    parameters = model.parameters()
    assert len(parameters) == 337
    assert len([n for n in document["nodes"] if n["op"] == "input" and n["name"][0] in "wb"]) == 337
    for p in parameters:
        node = named(document, p.label)
        assert node["value"] == p.data, (p.label, node["value"], p.data)
        assert close(node["grad"], p.grad), (p.label, node["grad"], p.grad)
    assert named(document, "loss")["id"] == document["outputs"][0] == len(document["nodes"]) - 1
    assert named(document, "loss")["value"] == loss.data


def test_x_times_x_has_two_edges():
    x = Value(3.0)
    with chaintrace.recording() as rec:
        y = x * x
        y.backward()
    document = through_chaintrace(rec, y, "square")
    umask = os.umask(0)
    os.umask(umask)
    assert os.stat(os.path.join(FOLDER, "square.json")).st_mode & 0o777 == 0o666 & ~umask
    assert [n["op"] for n in document["nodes"]] == ["input", "mul"]
    assert document["nodes"][1]["inputs"] == [{"node": 0, "partial": 3}, {"node": 0, "partial": 3}]
    assert document["nodes"][0]["grad"] == x.grad == 6
    assert document["backward"]["sums"][0] == {"node": 0, "steps": [0, 1], "grad": 6}
    paths = subprocess.run([BINARY, "paths", os.path.join(FOLDER, "square.json"), "--from", "#0", "--json", "-"],
                           check=True, capture_output=True, text=True)
    assert json.loads(paths.stdout)["count"] == 2


def test_compound_operators_are_what_micrograd_computes():
    a, b = Value(-1.5), Value(4.0)
    with chaintrace.recording() as rec:
        out = (a - b) * (2 - a) + a / b + 3 / b - (-a) ** 3 + b ** 0.5 + (a * b).relu() + (b - a).relu() + 2 * a
        out.backward()
    document = through_chaintrace(rec, out, "compound")
    ops = [n["op"] for n in document["nodes"]]
    # a - b is a + (b·(−1)), and micrograd negates b before it adds.
    assert ops[:5] == ["input", "const", "mul", "input", "add"], ops
    assert [document["nodes"][i]["value"] for i in (0, 1, 3)] == [4, -1, -1.5]
    assert "sub" not in ops and "div" not in ops and "neg" not in ops
    assert sorted(n["exponent"] for n in document["nodes"] if n["op"] == "powc") == [-1, -1, 0.5, 3]
    assert close(document["nodes"][3]["grad"], a.grad) and close(document["nodes"][0]["grad"], b.grad)
    assert document["nodes"][-1]["value"] == out.data
    check_passes(os.path.join(FOLDER, "compound.json"))


class LectureValue:
    """The Value class of the "Zero to Hero" lecture: labels, tanh and exp, division and subtraction."""

    def __init__(self, data, _children=(), _op="", label=""):
        self.data = data
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = set(_children)
        self._op = _op
        self.label = label

    def __add__(self, other):
        other = other if isinstance(other, LectureValue) else LectureValue(other)
        out = LectureValue(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += 1.0 * out.grad
            other.grad += 1.0 * out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, LectureValue) else LectureValue(other)
        out = LectureValue(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, other):
        assert isinstance(other, (int, float)), "only supporting int/float powers for now"
        out = LectureValue(self.data**other, (self,), f"**{other}")

        def _backward():
            self.grad += other * (self.data ** (other - 1)) * out.grad
        out._backward = _backward
        return out

    def __rmul__(self, other):
        return self * other

    def __radd__(self, other):
        return self + other

    def __truediv__(self, other):
        return self * other**-1

    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-other)

    def tanh(self):
        x = self.data
        t = (math.exp(2 * x) - 1) / (math.exp(2 * x) + 1)
        out = LectureValue(t, (self,), "tanh")

        def _backward():
            self.grad += (1 - t**2) * out.grad
        out._backward = _backward
        return out

    def exp(self):
        out = LectureValue(math.exp(self.data), (self,), "exp")

        def _backward():
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def backward(self):
        topo, visited, stack = [], set(), [(self, False)]
        while stack:
            v, expanded = stack.pop()
            if expanded:
                topo.append(v)
            elif v not in visited:
                visited.add(v)
                stack.append((v, True))
                stack.extend((child, False) for child in v._prev)
        self.grad = 1.0
        for node in reversed(topo):
            node._backward()


def lecture_neuron():
    x1, x2 = LectureValue(2.0, label="x1"), LectureValue(0.0, label="x2")
    w1, w2 = LectureValue(-3.0, label="w1"), LectureValue(1.0, label="w2")
    b = LectureValue(6.8813735870195432, label="b")
    x1w1 = x1 * w1
    x1w1.label = "x1*w1"
    x2w2 = x2 * w2
    x2w2.label = "x2*w2"
    n = x1w1 + x2w2 + b
    n.label = "n"
    return [x1, x2, w1, w2], n


def test_lecture_neuron_with_tanh():
    with chaintrace.recording(LectureValue) as rec:
        leaves, n = lecture_neuron()
        o = n.tanh()
        o.label = "o"
        o.backward()
    document = through_chaintrace(rec, o, "neuron-tanh")
    assert named(document, "o")["op"] == "tanh" and named(document, "o")["inputs"][0]["node"] == named(document, "n")["id"]
    for leaf in leaves:
        assert close(named(document, leaf.label)["grad"], leaf.grad), leaf.label
    assert close(named(document, "w1")["grad"], 1.0, 1e-6) and close(named(document, "x1")["grad"], -1.5, 1e-6)
    check_passes(os.path.join(FOLDER, "neuron-tanh.json"))


def test_lecture_neuron_with_exp():
    with chaintrace.recording(LectureValue) as rec:
        leaves, n = lecture_neuron()
        e = (2 * n).exp()
        e.label = "e"
        o = (e - 1) / (e + 1)
        o.label = "o"
        o.backward()
    document = through_chaintrace(rec, o, "neuron-exp")
    assert named(document, "e")["op"] == "exp"
    assert [n["op"] for n in document["nodes"]].count("powc") == 1  # the division: (e + 1)**-1
    for leaf in leaves:
        assert close(named(document, leaf.label)["grad"], leaf.grad), leaf.label
    assert close(named(document, "x1")["grad"], -1.5, 1e-6)
    check_passes(os.path.join(FOLDER, "neuron-exp.json"))


def test_tanh_and_exp_patched_onto_micrograds_value():
    def tanh(self):
        t = (math.exp(2 * self.data) - 1) / (math.exp(2 * self.data) + 1)
        out = Value(t, (self,), "tanh")

        def _backward():
            self.grad += (1 - t**2) * out.grad
        out._backward = _backward
        return out

    def exp(self):
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward():
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    Value.tanh, Value.exp = tanh, exp
    try:
        x = Value(0.7)
        with chaintrace.recording() as rec:
            y = x.tanh() * x.exp()
            y.backward()
        assert Value.tanh is tanh and Value.exp is exp, "the patched methods were not restored"
    finally:
        del Value.tanh, Value.exp
    document = through_chaintrace(rec, y, "patched")
    assert [n["op"] for n in document["nodes"]] == ["input", "tanh", "exp", "mul"]
    assert close(document["nodes"][0]["grad"], x.grad)


def test_powers_at_zero():
    x = Value(0.0)
    with chaintrace.recording() as rec:
        y = x ** 0.5 + x ** 0 + x ** 3
    powers = [n for n in through_chaintrace(rec, y, "zero-powers")["nodes"] if n["op"] == "powc"]
    assert [(n["exponent"], n["value"], n["inputs"][0]["partial"]) for n in powers] == [(0.5, 0, "Infinity"), (0, 1, 0), (3, 0, 0)]


def test_numbers_are_written_as_chaintrace_writes_them():
    x = Value(1.0)
    constants = [1e-7, 1e-5, 9.99e-5, 1e-4, 0.1 + 0.2, 1 / 3, -0.0, 5e-324, 12345678.9, 2.0**53, 2.0**53 + 2,
                 9.5e15, -9.2e15, 1e16, 1e22, 1.5e300]
    with chaintrace.recording() as rec:
        y = x
        for c in constants:
            y = y + x * c
        z = y * 0 + y * (Value(1e308) * 10) * 0  # an infinite value, then NaN
        z.backward()
    document = through_chaintrace(rec, z, "numbers")  # the rewrite compares bytes
    assert "Infinity" in [n["value"] for n in document["nodes"]] and document["nodes"][-1]["value"] == "NaN"


def test_an_updated_parameter_is_a_new_input():
    w = Value(2.0)
    with chaintrace.recording() as rec:
        first = w * 3
        w.data -= 0.5
        second = w * first
        second.backward()
    document = through_chaintrace(rec, second, "updated")
    inputs = [n for n in document["nodes"] if n["op"] == "input"]
    assert [n["value"] for n in inputs] == [2, 1.5]
    assert document["nodes"][-1]["inputs"][0] == {"node": inputs[1]["id"], "partial": 6}


def test_only_the_outputs_computation_is_saved_in_scopes():
    a = Value(1.0)
    with chaintrace.recording() as rec:
        unrelated = a * 5
        with rec.scope("layer1"):
            h = (a + 1).relu()
        loss = h * h
        loss.backward()
    document = through_chaintrace(rec, loss, "pruned")
    assert unrelated.data == 5 and all(n["value"] != 5 for n in document["nodes"])
    assert [n["scope"] for n in document["nodes"]] == [[], ["layer1"], ["layer1"], ["layer1"], []]


def test_methods_are_restored_and_recordings_do_not_nest():
    originals = (Value.__add__, Value.__mul__, Value.__pow__, Value.relu)
    with chaintrace.recording():
        try:
            with chaintrace.recording():
                raise AssertionError("a nested recording started")
        except RuntimeError:
            pass
    assert (Value.__add__, Value.__mul__, Value.__pow__, Value.relu) == originals
    assert not hasattr(Value, "tanh")
    x = Value(2.0)
    assert (x * x + 1).data == 5


def test_an_output_not_recorded_is_a_clear_error_and_writes_nothing():
    x = Value(2.0)
    outside = x * 3
    with chaintrace.recording() as rec:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            inside = outside + 1
        assert "outside the recording" in str(caught[0].message)
    path = os.path.join(FOLDER, "never.json")
    try:
        rec.save(path, output=outside)
        raise AssertionError("saving an output that was not recorded succeeded")
    except ValueError as error:
        assert "not computed while recording" in str(error)
    assert not os.path.exists(path)
    directory = os.path.join(FOLDER, "a-folder.json")
    os.mkdir(directory)
    try:
        rec.save(directory, output=inside)
        raise AssertionError("replacing a folder with the trace succeeded")
    except OSError:
        pass
    assert not [f for f in os.listdir(FOLDER) if f.startswith(".chaintrace-")], "a temporary file was left behind"
    assert through_chaintrace(rec, inside, "cut")["nodes"][0]["op"] == "input"


def test_tensor_sample_is_micrograds_demo_network():
    """samples/micrograd-tensor.ct is what its script writes, and chaintrace's tensor trace of it has
    micrograd's loss and every parameter gradient micrograd finds for MLP(2, [16, 16, 1]) on its points."""
    import random
    from micrograd.nn import MLP
    spec = importlib.util.spec_from_file_location("micrograd_tensor", os.path.join(ROOT, "samples", "micrograd-tensor.py"))
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    sample = os.path.join(ROOT, "samples", "micrograd-tensor.ct")
    assert open(sample).read() == script.program(), "samples/micrograd-tensor.ct is stale: run python3 samples/micrograd-tensor.py"
    random.seed(1337)
    model = MLP(2, [16, 16, 1])
    points, labels = script.moons()
    scores = [model(list(map(Value, p))) for p in points]
    losses = [(1 + -y * score).relu() for y, score in zip(labels, scores)]
    loss = sum(losses) * (1.0 / len(losses)) + 1e-4 * sum(p * p for p in model.parameters())
    loss.backward()
    result = subprocess.run([BINARY, "trace", sample, "--json", "-"], check=True, capture_output=True, text=True)
    nodes = {node["name"]: node for node in json.loads(result.stdout)["nodes"] if node["name"]}
    assert close(nodes["loss"]["value"], loss.data, 1e-12)  # a scalar: shape [], one number
    layers = model.layers
    expected = {
        "W1": [w.grad for n in layers[0].neurons for w in n.w], "b1": [n.b.grad for n in layers[0].neurons],
        "W2": [w.grad for n in layers[1].neurons for w in n.w], "b2": [n.b.grad for n in layers[1].neurons],
        "w3": [w.grad for w in layers[2].neurons[0].w], "b3": [layers[2].neurons[0].b.grad],
    }
    for name, grads in expected.items():
        got = nodes[name]["grad"]
        assert len(got) == len(grads) and all(close(a, b, 1e-9) for a, b in zip(got, grads)), f"∂loss/∂{name} differs from micrograd's"


def test_committed_sample_is_current():
    sample = os.path.join(ROOT, "samples", "micrograd-demo.json")
    fresh = os.path.join(FOLDER, "micrograd-demo.json")
    subprocess.run([sys.executable, "-B", os.path.join(ROOT, "samples", "micrograd-demo.py"), fresh], check=True)
    assert open(fresh, "rb").read() == open(sample, "rb").read(), "samples/micrograd-demo.py writes something else now"
    assert not list(VALIDATOR.iter_errors(json.load(open(sample))))


def test_pip_installs_the_module():
    target, source = os.path.join(FOLDER, "site"), os.path.join(FOLDER, "python")
    shutil.copytree(os.path.join(ROOT, "python"), source)  # setuptools writes build/ into the source folder
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", target, source],
                   check=True, capture_output=True)
    found = subprocess.run([sys.executable, "-c", "import chaintrace; print(chaintrace.__file__)"],
                           env={**os.environ, "PYTHONPATH": target}, cwd=FOLDER, check=True, capture_output=True, text=True)
    assert found.stdout.startswith(target), found.stdout


def main():
    tests = [(name, test) for name, test in globals().items() if name.startswith("test_")]
    passed = failed = 0
    for name, test in tests:
        try:
            test()
            passed += 1
            print(f"ok   {name}")
        except Exception:
            failed += 1
            print(f"FAIL {name}\n{traceback.format_exc()}")
    print(f"micrograd: {passed} passed, {failed} failed")
    sys.exit(1 if failed or not passed else 0)


if __name__ == "__main__":
    main()
