"""Schema-invalid variants of a small trace JSON, which the Swift reader must reject as well.

Each variant changes one place of the base document: removes a key, adds an unexpected key to an
object, or replaces a value by null, true, a string, 1.5, -1, [] or {}. The real validator
(python jsonschema) keeps the variants the schema rejects; Tests/fixtures/trace-v1-invalid.json lists
them for ChainTraceTests' SchemaVariantTests, which feeds each one to TraceJSONReader.

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
        out.write("\n  ]\n}\n")
elif sys.argv[1:2] == ["--check"]:
    stored = json.load(open(fixture))
    errors = list(validator.iter_errors(stored["document"]))
    expected = invalid(stored["document"])
    if errors or stored["invalid"] != expected:
        print("schema variants: the fixture is out of date; run python3 Tests/trace-variants.py --write .build/debug/chaintrace")
        sys.exit(1)
    print(f"schema variants: {len(expected)} rejected by the schema, fixture current")
else:
    sys.exit(__doc__)
