"""Validates the trace JSON of every sample program against the trace JSON schema (a real validator)."""
import glob
import json
import os
import subprocess
import sys
import tempfile

import jsonschema

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = sys.argv[1]
schema = json.load(open(os.path.join(root, "Sources/ChainTraceFormat/trace-v1.schema.json")))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)

passed = failed = 0
with tempfile.TemporaryDirectory() as folder:
    for program in sorted(glob.glob(os.path.join(root, "samples", "**", "*.ct"), recursive=True)):
        out = os.path.join(folder, "trace.json")
        subprocess.run([binary, "trace", program, "--json", out], check=True, stdout=subprocess.DEVNULL)
        first = open(out, "rb").read()
        subprocess.run([binary, "trace", program, "--json", out], check=True, stdout=subprocess.DEVNULL)
        errors = sorted(validator.iter_errors(json.loads(first)), key=str)
        if open(out, "rb").read() != first:
            errors.append("two runs gave different bytes")
        name = os.path.relpath(program, root)
        if errors:
            failed += 1
            print(f"FAIL {name}: {errors[0]}")
        else:
            passed += 1
            print(f"ok   {name}")
print(f"schema: {passed} passed, {failed} failed")
sys.exit(1 if failed or not passed else 0)
