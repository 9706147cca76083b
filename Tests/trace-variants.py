"""Schema-invalid variants of a small trace JSON, which the Swift reader must reject as well, and
schema-valid but inconsistent ones, which only the reader can reject.

Each variant changes one place of the base document: removes a key, adds an unexpected key to an
object, or replaces a value by null, true, a string, 1.5, -1, [] or {}. The real validator
(python jsonschema) keeps the variants the schema rejects; Tests/fixtures/trace-v1-invalid.json lists
them for ChainTraceTests' SchemaVariantTests, which feeds each one to TraceJSONReader.

The fixture's "inconsistent" list holds what a schema cannot say, each with the JSON path the reader
must name: every key of every object given twice ("duplicate"), each leaf's gradient off by one (a
gradient must be the sum of the contributions its node received), and each of backward.sums'
entries changed (its node, its steps, its total). The check makes sure the schema accepts them all.

  python3 Tests/trace-variants.py --write .build/debug/chaintrace   # regenerate the fixture
  python3 Tests/trace-variants.py --check                           # the fixture matches the schema
"""
import json
import os
import subprocess
import sys

import jsonschema

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
fixture = os.path.join(root, "Tests/fixtures/trace-v1-invalid.json")
schema = json.load(open(os.path.join(root, "Sources/ChainTraceFormat/trace-v1.schema.json")))
validator = jsonschema.Draft202012Validator(schema)
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


def invalid(document):
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


if sys.argv[1:2] == ["--write"]:
    program = "x = 2\nu = x^2 + 1\ny = u * x"
    text = subprocess.run([sys.argv[2], "explain", "-e", program, "--wrt", "x", "--json", "-"],
                          check=True, capture_output=True, text=True).stdout
    base = json.loads(text)
    base["nodes"][3]["scope"] = ["layer"]   # a scope with an item, so items are varied too
    assert validator.is_valid(base), "the base document must be valid"
    with open(fixture, "w") as out:
        out.write('{\n  "document": ' + json.dumps(base) + ',\n  "invalid": [\n')
        out.write(",\n".join("    " + json.dumps(v) for v in invalid(base)))
        out.write('\n  ],\n  "inconsistent": [\n')
        out.write(",\n".join("    " + json.dumps(v) for v in inconsistent(base)))
        out.write("\n  ]\n}\n")
elif sys.argv[1:2] == ["--check"]:
    stored = json.load(open(fixture))
    errors = list(validator.iter_errors(stored["document"]))
    expected = invalid(stored["document"])
    beyond = inconsistent(stored["document"])
    if errors or stored["invalid"] != expected or stored.get("inconsistent") != beyond:
        print("schema variants: the fixture is out of date; run python3 Tests/trace-variants.py --write .build/debug/chaintrace")
        sys.exit(1)
    # A duplicate key keeps the document's meaning under json.loads; the other changes must pass the schema.
    passing = [v for v in beyond if v["change"] == "duplicate" or validator.is_valid(applied(stored["document"], v))]
    if passing != beyond:
        print("schema variants: an inconsistent variant is rejected by the schema; it belongs in \"invalid\"")
        sys.exit(1)
    print(f"schema variants: {len(expected)} rejected by the schema, {len(beyond)} inconsistent ones accepted by it, fixture current")
else:
    sys.exit(__doc__)
