"""Validates the trace JSON of every sample program against the trace JSON schema of its version (a real validator).

Scalar programs write version 1 (trace-v1.schema.json), tensor programs version 2 (trace-v2.schema.json);
the tensor programs of the NumPy oracle (Tests/numpy/*.ct) are validated too.
"""
import glob
import json
import os
import subprocess
import sys
import tempfile

import jsonschema

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = sys.argv[1]
validators = {}
for version in (1, 2):
    schema = json.load(open(os.path.join(root, f"Sources/ChainTraceFormat/trace-v{version}.schema.json")))
    jsonschema.Draft202012Validator.check_schema(schema)
    validators[version] = jsonschema.Draft202012Validator(schema)
programs = sorted(glob.glob(os.path.join(root, "samples", "**", "*.ct"), recursive=True))
programs += sorted(glob.glob(os.path.join(root, "Tests", "numpy", "*.ct")))

passed = failed = 0
with tempfile.TemporaryDirectory() as folder:
    for program in programs:
        out = os.path.join(folder, "trace.json")
        subprocess.run([binary, "trace", program, "--json", out], check=True, stdout=subprocess.DEVNULL)
        first = open(out, "rb").read()
        subprocess.run([binary, "trace", program, "--json", out], check=True, stdout=subprocess.DEVNULL)
        document = json.loads(first)
        validator = validators.get(document.get("version"))
        errors = sorted(validator.iter_errors(document), key=str) if validator else [f"version {document.get('version')!r}"]
        if open(out, "rb").read() != first:
            errors.append("two runs gave different bytes")
        name = os.path.relpath(program, root)
        if errors:
            failed += 1
            print(f"FAIL {name}: {errors[0]}")
        else:
            passed += 1
            print(f"ok   {name} (version {document['version']})")
print(f"schema: {passed} passed, {failed} failed")
sys.exit(1 if failed or not passed else 0)
