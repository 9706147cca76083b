"""Record a micrograd computation and write it as chaintrace trace JSON (version 1).

    import chaintrace
    with chaintrace.recording() as rec:
        loss = model(x) ...
        loss.backward()
    rec.save("trace.json", output=loss)

then ``chaintrace report trace.json -o report.html``.

micrograd's ``Value._prev`` is a set (operand order is lost and ``x * x`` has one child) and its local
partials live only in closures, so the graph cannot be read back from the Values. Instead, while
recording, the primitive operators of the Value class are wrapped: each records its result, its
operands in order (once per use) and the local partial of each edge, computed from the values exactly
as micrograd's backward closure computes it. The compound operators (``- / neg`` and the reflected
ones) are built by micrograd from the primitives, so they are recorded as what micrograd computes:
``a - b`` is ``a + (b * -1)``, with -1 a constant node.

Pure Python, standard library only; works with the PyPI package (``+ * ** relu``) and with the
lecture version of Value (also ``tanh`` and ``exp``), whichever class is passed to ``recording``.
"""

import contextlib
import math
import os
import tempfile
import warnings

__all__ = ["recording", "Recording"]

# The primitive methods micrograd's Value classes have: the chaintrace op, and the local partial of
# each operand as micrograd's backward closure computes it, from the result's and operands' values.
_BINARY = {
    "__add__": ("add", lambda out, a, b: (1.0, 1.0)),
    "__mul__": ("mul", lambda out, a, b: (b, a)),
}
_UNARY = {
    "relu": ("relu", lambda out, a: (1.0 if out > 0 else 0.0,)),
    "tanh": ("tanh", lambda out, a: (1 - out**2,)),  # the lecture version's
    "exp": ("exp", lambda out, a: (out,)),  # the lecture version's
}


def _float(x):
    """A Python number as a double: micrograd keeps ints as ints (Value(0) is a bias)."""
    if isinstance(x, complex):
        return math.nan  # a negative base to a fractional power: NaN, as chaintrace's powc gives
    try:
        return float(x)
    except OverflowError:
        return math.inf if x > 0 else -math.inf


def _power_partial(a, p):
    """p·a^(p−1), micrograd's local partial of a**p; infinite where Python raises at a zero base."""
    if p == 0:
        return 0.0  # a constant function: its slope is 0 even at a = 0, as chaintrace's powc says
    try:
        return _float(p * a ** (p - 1))
    except ZeroDivisionError:
        # Only 0 < p < 1 gets here: other negative powers of zero fail micrograd's forward pass first.
        return math.inf


class Recording:
    """The operations recorded on micrograd Values; ``save`` writes them as trace JSON."""

    def __init__(self):
        self._node_of = {}  # id(Value) -> node; each node keeps its Value alive, so ids stay unique
        self._nodes = []  # (op, exponent, Value, value, [(operand node, local partial)], scope)
        self._scope = []

    @contextlib.contextmanager
    def scope(self, name):
        """Groups the nodes recorded inside it (a cluster in diagrams, e.g. ``rec.scope("layer1")``)."""
        self._scope.append(str(name))
        try:
            yield self
        finally:
            self._scope.pop()

    def node(self, value):
        """The node id of a recorded Value, or None."""
        return self._node_of.get(id(value))

    def _add(self, value, op, inputs, scope, exponent=None):
        self._nodes.append((op, exponent, value, _float(value.data), inputs, scope))
        self._node_of[id(value)] = len(self._nodes) - 1

    def _operand(self, value):
        """The node of an operand; a Value first seen here (a parameter, a data point) is an input."""
        node = self._node_of.get(id(value))
        if node is None and getattr(value, "_prev", None):
            warnings.warn(f"a Value made by '{getattr(value, '_op', '?')}' outside the recording, or by an operation "
                          "chaintrace does not know, is recorded as an input: gradients stop there", stacklevel=4)
        # A leaf whose data changed since it was recorded (a parameter after an update) is a new input.
        if node is None or not (self._nodes[node][4] or _same(self._nodes[node][3], _float(value.data))):
            self._add(value, "input", [], ())
            node = len(self._nodes) - 1
        return node

    def _record(self, op, out, operands, partials, exponent=None, constant=None):
        """Records ``out``; ``constant`` is the operand micrograd made from a plain number."""
        inputs = []
        for operand, partial in zip(operands, partials):
            if operand is constant and self.node(operand) is None:
                self._add(operand, "const", [], tuple(self._scope))
            inputs.append((self._operand(operand), _float(partial)))
        self._add(out, op, inputs, tuple(self._scope), exponent)

    def json(self, output):
        """The trace JSON text of the computation of ``output``, with its backward pass."""
        end = self._node_of.get(id(output))
        if end is None or not self._nodes[end][4]:
            raise ValueError("the output was not computed while recording: compute it inside 'with chaintrace.recording()'")
        nodes = _ancestors(self._nodes, end)
        renumber = {old: new for new, old in enumerate(nodes)}
        kept = [(op, exponent, _name(value), data, [(renumber[i], p) for i, p in inputs], scope)
                for op, exponent, value, data, inputs, scope in (self._nodes[old] for old in nodes)]
        return _document(kept, len(kept) - 1)

    def save(self, path, output):
        """Writes the trace JSON of ``output``'s computation to ``path``, atomically."""
        text = self.json(output)
        folder = os.path.dirname(os.path.abspath(path))
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".chaintrace-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
                file.write(text)
            umask = os.umask(0)  # mkstemp's file is private; give the permissions open() would have
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise


def _name(value):
    """The Value's label (the lecture's Value has one; set ``v.label`` on others), read when saving."""
    label = getattr(value, "label", None)
    return label if isinstance(label, str) and label else None


def _same(a, b):
    """Equal, counting NaN as equal to NaN."""
    return a == b or (math.isnan(a) and math.isnan(b))


def _ancestors(nodes, end):
    """The nodes ``end`` depends on, and ``end``, in recording order (a loop: graphs can be deep)."""
    reached = {end}
    stack = [end]
    while stack:
        for operand, _ in nodes[stack.pop()][4]:
            if operand not in reached:
                reached.add(operand)
                stack.append(operand)
    return sorted(reached)


def _backward(nodes, output):
    """chaintrace's backward pass: consumers from the output down, each edge in operand order."""
    gradients = [0.0] * len(nodes)
    gradients[output] = 1.0
    steps = []  # (consumer, operand position, operand node, upstream, partial, contribution)
    for consumer in range(output, -1, -1):
        upstream = gradients[consumer]
        for position, (operand, partial) in enumerate(nodes[consumer][4]):
            contribution = upstream * partial
            gradients[operand] += contribution
            steps.append((consumer, position, operand, upstream, partial, contribution))
    return gradients, steps


def _document(nodes, output):
    """Trace JSON as chaintrace writes it, byte for byte: reading it back and writing it again is a no-op."""
    gradients, steps = _backward(nodes, output)
    lines = ['{\n  "format": "chaintrace-trace",\n  "version": 1,\n  "nodes": [\n']
    for index, (op, exponent, name, value, inputs, scope) in enumerate(nodes):
        text = f'    {{"id": {index}, "op": "{op}"'
        if exponent is not None:
            text += f', "exponent": {_number(exponent)}'
        text += f', "name": {"null" if name is None else _string(name)}'
        text += f', "value": {_number(value)}, "grad": {_number(gradients[index])}'
        text += ', "inputs": [' + ", ".join(f'{{"node": {i}, "partial": {_number(p)}}}' for i, p in inputs) + "]"
        text += ', "scope": [' + ", ".join(_string(s) for s in scope) + '], "line": null}'
        lines.append(text + (",\n" if index < len(nodes) - 1 else "\n"))
    lines.append(f'  ],\n  "outputs": [{output}],\n  "backward": {{\n    "output": {output},\n    "steps": [')
    arrivals = [[] for _ in nodes]
    for index, (consumer, position, operand, upstream, partial, contribution) in enumerate(steps):
        arrivals[operand].append(str(index))
        lines.append(("\n" if index == 0 else ",\n")
                     + f'      {{"consumer": {consumer}, "operand": {position}, "node": {operand}, "upstream": {_number(upstream)}'
                     + f', "partial": {_number(partial)}, "contribution": {_number(contribution)}}}')
    lines.append("\n    ],\n" if steps else "],\n")
    sums = [f'      {{"node": {node}, "steps": [{", ".join(arrived)}], "grad": {_number(gradients[node])}}}'
            for node, arrived in enumerate(arrivals) if arrived]
    lines.append('    "sums": [' + ("\n" + ",\n".join(sums) + "\n    ]\n  }" if sums else "]\n  }"))
    return "".join(lines) + "\n}\n"


def _number(x):
    """The shortest text that reads back as exactly x, as chaintrace writes it (2, not 2.0)."""
    if math.isnan(x):
        return '"NaN"'
    if math.isinf(x):
        return '"Infinity"' if x > 0 else '"-Infinity"'
    text = repr(float(x))
    if text.endswith(".0"):
        text = text[:-2]
    if abs(x) > 2**53 and "e" not in text:
        # Swift writes integers past 2^53 in exponent form (9.5e+15) where Python writes all digits.
        sign, digits = ("-", text[1:]) if x < 0 else ("", text)
        fraction = digits[1:].rstrip("0")
        text = f"{sign}{digits[0]}{'.' if fraction else ''}{fraction}e+{len(digits) - 1}"
    return text


def _string(text):
    """A JSON string literal, escaped as chaintrace escapes it."""
    escapes = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
    return '"' + "".join(escapes.get(c) or (f"\\u{ord(c):04x}" if ord(c) < 0x20 else c) for c in text) + '"'


def _wrap_binary(recording, cls, original, op, rule):
    def method(self, other):
        # Make the constant as micrograd would, so the recording knows which Value it is.
        constant = not isinstance(other, cls)
        if constant:
            other = cls(other)
        out = original(self, other)
        partials = rule(_float(out.data), _float(self.data), _float(other.data))
        recording._record(op, out, (self, other), partials, constant=other if constant else None)
        return out
    return method


def _wrap_unary(recording, original, op, rule):
    def method(self):
        out = original(self)
        recording._record(op, out, (self,), rule(_float(out.data), _float(self.data)))
        return out
    return method


def _wrap_power(recording, original):
    def method(self, exponent):
        out = original(self, exponent)  # micrograd asserts an int or float exponent
        recording._record("powc", out, (self,), (_power_partial(self.data, exponent),), exponent=_float(exponent))
        return out
    return method


_recording_classes = set()


@contextlib.contextmanager
def recording(value_class=None):
    """Records every operation on ``value_class`` (default: ``micrograd.engine.Value``) inside the block.

    Pass your own Value class when it is not micrograd's, e.g. the lecture's with ``tanh`` and ``exp``.
    Values made before the block (a model's parameters) become input nodes when first used.
    """
    if value_class is None:
        from micrograd.engine import Value as value_class
    if value_class in _recording_classes:
        raise RuntimeError(f"{value_class.__name__} is already being recorded; recordings do not nest")
    recording_ = Recording()
    wrapped = {}
    for attribute, original in ((a, getattr(value_class, a, None)) for a in [*_BINARY, *_UNARY, "__pow__"]):
        if original is None:
            continue
        if attribute in _BINARY:
            wrapped[attribute] = _wrap_binary(recording_, value_class, original, *_BINARY[attribute])
        elif attribute in _UNARY:
            wrapped[attribute] = _wrap_unary(recording_, original, *_UNARY[attribute])
        else:
            wrapped[attribute] = _wrap_power(recording_, original)
    originals = {attribute: value_class.__dict__.get(attribute) for attribute in wrapped}
    for attribute, method in wrapped.items():
        setattr(value_class, attribute, method)
    _recording_classes.add(value_class)
    try:
        yield recording_
    finally:
        _recording_classes.discard(value_class)
        for attribute, original in originals.items():
            if original is None:
                delattr(value_class, attribute)
            else:
                setattr(value_class, attribute, original)
