"""Validates `chaintrace audit --json` of every audit sample (scalar and tensor) against the audit schema (a real validator),
checks two runs give the same bytes, and that a failing audit writes no file."""
import json
import math
import os
import subprocess
import sys
import tempfile

import jsonschema

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = sys.argv[1]
schema = json.load(open(os.path.join(root, "Sources/ChainTraceAudit/audit-v1.schema.json")))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
samples = ["article-backprop.ct", "article-backprop-bugs.ct", "softmax-audit.ct",
           "article-backprop-matrix-audit.ct", "article-backprop-matrix-bugs.ct", "softmax-audit-tensor.ct"]

passed = failed = 0
with tempfile.TemporaryDirectory() as folder:
    for sample in samples:
        out = os.path.join(folder, "audit.json")
        program = os.path.join(root, "samples", sample)
        subprocess.run([binary, "audit", program, "--json", out], check=True, stdout=subprocess.DEVNULL)
        first = open(out, "rb").read()
        subprocess.run([binary, "audit", program, "--json", out], check=True, stdout=subprocess.DEVNULL)
        document = json.loads(first)
        errors = sorted(validator.iter_errors(document), key=str)
        if open(out, "rb").read() != first:
            errors.append("two runs gave different bytes")
        if not document["candidates"]:
            errors.append("no candidates")
        # A tensor program is audited at tensor level: every candidate has its shape and all its elements.
        tensor = "matrix" in sample or "tensor" in sample
        for candidate in document["candidates"]:
            if ("shape" in candidate) != tensor:
                errors.append(f"{candidate['name']}: shape {'missing' if tensor else 'in a scalar audit'}")
            elif tensor and len(candidate["elements"]) != max(1, math.prod(candidate["shape"])):
                errors.append(f"{candidate['name']}: {len(candidate['elements'])} elements for shape {candidate['shape']}")
        if errors:
            failed += 1
            print(f"FAIL audit {sample}: {errors[0]}")
        else:
            passed += 1
            print(f"ok   audit {sample}")
    # A program without loss or J and no --output: a located error, exit 1, no file.
    out = os.path.join(folder, "none.json")
    result = subprocess.run([binary, "audit", "-e", "x = 2; y = x^2; g = 2 * x", "--json", out], capture_output=True, text=True)
    if result.returncode == 1 and "--output" in result.stderr and not os.path.exists(out):
        passed += 1
        print("ok   audit without an output is refused")
    else:
        failed += 1
        print(f"FAIL audit without an output: exit {result.returncode}, {result.stderr.strip()}")
print(f"audit schema: {passed} passed, {failed} failed")
sys.exit(1 if failed or not passed else 0)
