"""Schema-invalid variants of a small trace JSON of each version, which the Swift reader must reject as well,
and schema-valid but inconsistent ones (version 1), which only the reader can reject.

Each variant changes one place of a base document: removes a key, adds an unexpected key to an
object, or replaces a value by null, true, a string, 1.5, -1, [] or {}. The real validator
(python jsonschema) keeps the variants the schema rejects; Tests/fixtures/trace-v1-invalid.json and
trace-v2-invalid.json list them for ChainTraceTests' SchemaVariantTests, which feeds each one to
TraceJSONReader (version 1: a scalar program explained, with its sections; version 2: a tensor program).

The version 1 fixture's "inconsistent" list holds what a schema cannot say, each with the JSON path the
reader must name: every key of every object given twice ("duplicate"), each leaf's gradient off by one (a
gradient must be the sum of the contributions its node received), and each of backward.sums'
entries changed (its node, its steps, its total). The check makes sure the schema accepts them all.

  python3 Tests/trace-variants.py --write .build/debug/chaintrace   # regenerate the fixtures
  python3 Tests/trace-variants.py --check                           # the fixtures match the schemas
"""
import json
import os
import subprocess
import sys

import jsonschema

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

def validator(version):
    schema = json.load(open(os.path.join(root, f"Sources/ChainTraceFormat/trace-v{version}.schema.json")))
    return jsonschema.Draft202012Validator(schema)


def fixture(version):
    return os.path.join(root, f"Tests/fixtures/trace-v{version}-invalid.json")


replacements = [None, True, "text", 1.5, -1, [], {}]


def variants(value, at):
    """Every single change at or below `at`, in document order."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield {"at": at + [key], "change": "remove"}
            yield from variants(item, at + [key])
        yield {"at": at, "change": "add", "key": "unexpected"}
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from variants(item, at + [index])
    if at:
        for replacement in replacements:
            if type(replacement) is not type(value) or replacement != value:
                yield {"at": at, "change": "replace", "value": replacement}


def applied(document, variant):
    copy = json.loads(json.dumps(document))
    *parents, last = variant["at"] or [None]
    target = copy
    for step in parents if variant["at"] else []:
        target = target[step]
    if variant["change"] == "remove":
        del target[last]
    elif variant["change"] == "replace":
        target[last] = variant["value"]
    else:
        (target[last] if variant["at"] else copy)[variant["key"]] = 1
    return copy


def invalid(document, validator):
    return [v for v in variants(document, []) if not validator.is_valid(applied(document, v))]


def json_path(at):
    return "$" + "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in at)


def duplicates(value, at):
    """Every key of every object given a second time, with the same value, in document order."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield {"at": at, "change": "duplicate", "key": key, "path": json_path(at + [key])}
            yield from duplicates(item, at + [key])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from duplicates(item, at + [index])


def inconsistent(document):
    """Schema-valid changes the reader must reject, each with the path it must name."""
    found = list(duplicates(document, []))
    for index, node in enumerate(document["nodes"]):
        if not node["inputs"]:
            at = ["nodes", index, "grad"]
            found.append({"at": at, "change": "replace", "value": node["grad"] + 1, "path": json_path(at)})
    step_count = len(document["backward"]["steps"])
    for index, entry in enumerate(document["backward"]["sums"]):
        base = ["backward", "sums", index]
        other_steps = [(entry["steps"][0] + 1) % step_count] + entry["steps"][1:]
        for key, value in [("node", (entry["node"] + 1) % len(document["nodes"])), ("steps", other_steps), ("grad", entry["grad"] + 1)]:
            found.append({"at": base + [key], "change": "replace", "value": value, "path": json_path(base + [key])})
    return found


def base_v1(binary):
    program = "x = 2\nu = x^2 + 1\ny = u * x"
    text = subprocess.run([binary, "explain", "-e", program, "--wrt", "x", "--json", "-"],
                          check=True, capture_output=True, text=True).stdout
    base = json.loads(text)
    base["nodes"][3]["scope"] = ["layer"]   # a scope with an item, so items are varied too
    return base


def base_v2(binary):
    # Every kind of node field: a tensor input and constant, a powc exponent, an axis (a number and
    # null), an index, an edge between rank-0 nodes (with its partial), and a branch point.
    program = "x = [0.5, -1]\nW = [[1, 2], [-3, 0.5]]\nh = sigmoid(W @ x) ^ 2\ns = sum(W, axis=0)\nz = h[1] * 3 + sum(h * s)"
    text = subprocess.run([binary, "trace", "-e", program, "--json", "-"], check=True, capture_output=True, text=True).stdout
    return json.loads(text)


BASES = {1: base_v1, 2: base_v2}


if sys.argv[1:2] == ["--write"]:
    for version, make in BASES.items():
        base, check = make(sys.argv[2]), validator(version)
        assert check.is_valid(base), f"the version {version} base document must be valid"
        with open(fixture(version), "w") as out:
            out.write('{\n  "document": ' + json.dumps(base) + ',\n  "invalid": [\n')
            out.write(",\n".join("    " + json.dumps(v) for v in invalid(base, check)))
            if version == 1:
                out.write('\n  ],\n  "inconsistent": [\n')
                out.write(",\n".join("    " + json.dumps(v) for v in inconsistent(base)))
            out.write("\n  ]\n}\n")
elif sys.argv[1:2] == ["--check"]:
    counts = []
    for version in BASES:
        stored, check = json.load(open(fixture(version))), validator(version)
        errors = list(check.iter_errors(stored["document"]))
        expected = invalid(stored["document"], check)
        beyond = inconsistent(stored["document"]) if version == 1 else None
        if errors or stored["invalid"] != expected or stored.get("inconsistent") != beyond:
            print(f"schema variants: the version {version} fixture is out of date; run python3 Tests/trace-variants.py --write .build/debug/chaintrace")
            sys.exit(1)
        if beyond is not None:
            # A duplicate key keeps the document's meaning under json.loads; the other changes must pass the schema.
            passing = [v for v in beyond if v["change"] == "duplicate" or check.is_valid(applied(stored["document"], v))]
            if passing != beyond:
                print("schema variants: an inconsistent variant is rejected by the schema; it belongs in \"invalid\"")
                sys.exit(1)
            inconsistent_count = len(beyond)
        counts.append(f"{len(expected)} (version {version})")
    print(f"schema variants: {' and '.join(counts)} rejected by the schemas, {inconsistent_count} inconsistent ones (version 1) accepted by it, fixtures current")
else:
    sys.exit(__doc__)
