#!/usr/bin/env python3
"""Same input, same bytes, across processes.

Swift randomises hashing per process, so an output that depends on a dictionary's or a set's order
changes from one run to the next while two runs in one process agree. Every output format of every
sample program is therefore made twice, by two processes, and compared byte for byte.

Usage: python3 Tests/determinism.py .build/debug/chaintrace
"""
import glob
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# (name, arguments after the program, file written); {out} is the output path.
OUTPUTS = [
    ("trace JSON", ["trace", "{program}", "--json", "{out}.json"], "{out}.json"),
    ("explain JSON", ["explain", "{program}", "--wrt", "{input}", "--json", "{out}.explain.json"], "{out}.explain.json"),
    ("paths JSON", ["paths", "{program}", "--from", "{input}", "--top", "5", "--json", "{out}.paths.json"], "{out}.paths.json"),
    ("DOT", ["render", "{program}", "-o", "{out}.dot"], "{out}.dot"),
    ("SVG", ["render", "{program}", "-o", "{out}.svg"], "{out}.svg"),
    ("PDF", ["render", "{program}", "-o", "{out}.pdf"], "{out}.pdf"),
    ("PNG", ["render", "{program}", "-o", "{out}.png"], "{out}.png"),
    ("animated SVG", ["render", "{program}", "--animate", "-o", "{out}.animated.svg"], "{out}.animated.svg"),
    ("animated PNG", ["render", "{program}", "--animate", "-o", "{out}.animated.png"], "{out}.animated.png"),
    ("TikZ", ["render", "{program}", "-o", "{out}.tex"], "{out}.tex"),
    ("HTML", ["report", "{program}", "-o", "{out}.html"], "{out}.html"),
]
# An animated PNG lays out and draws one frame per group of steps (a minute per large sample in a debug
# build); its code is the same for every program, so the small samples check it.
ANIMATED_PNG = {"branch.ct", "chain.ct", "layered-chain.ct", "shared-weights.ct"}
# Tensor programs whose scalar expansion is large (micrograd's demo network: 65,715 scalar nodes) check the
# outputs drawn or written at tensor level; explain, the animation and the report run on the expansion
# (minutes and a 150 MB page in a debug build) and are checked on the small tensor samples.
TENSOR_LEVEL_ONLY = {"micrograd-tensor.ct"}
TENSOR_LEVEL = {"trace JSON", "DOT", "SVG", "PDF", "PNG", "TikZ"}
# Only for tensor programs: the chain of Jacobians of the first input ({tensor}: its name without the index).
CHAIN_OUTPUTS = [
    ("chain " + kind.upper(), ["render", "{program}", "--chain", "{tensor}", "-o", "{out}.chain." + kind], "{out}.chain." + kind)
    for kind in ("dot", "svg", "pdf", "png")
]
# Only for the programs with hand-written gradients (the others have no loss to audit).
AUDITED = {"article-backprop.ct", "article-backprop-bugs.ct", "softmax-audit.ct", "article-backprop-matrix-audit.ct"}
AUDIT_OUTPUTS = [
    ("audit JSON", ["audit", "{program}", "--json", "{out}.audit.json"], "{out}.audit.json"),
    ("HTML with audit", ["report", "{program}", "--audit", "-o", "{out}.audit.html"], "{out}.audit.html"),
]


def first_input(program):
    """The first name the program assigns a plain number: an input to differentiate with respect to.
    In a tensor program, the first element of the first literal (`W1[0,0]`, `x[0]`), as its scalar expansion names it."""
    for line in open(program, encoding="utf-8"):
        name, _, value = line.partition("#")[0].partition("=")
        value = value.strip()
        if value.startswith("["):
            rank = len(value) - len(value.lstrip("["))
            return name.strip() + "[" + ",".join(["0"] * rank) + "]"
        try:
            float(value)
            return name.strip()
        except ValueError:
            continue
    raise SystemExit(f"{program}: no input found")


def make(binary, arguments, program, out):
    element = first_input(program)
    filled = [a.format(program=program, out=out, input=element, tensor=element.partition("[")[0]) for a in arguments]
    subprocess.run([binary] + filled, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main():
    binary = os.path.abspath(sys.argv[1])
    passed = failed = 0
    # Every output of every sample; the trace JSON (version 2) of the NumPy oracle's tensor programs too.
    cases = [("", program, OUTPUTS) for program in sorted(glob.glob(os.path.join(ROOT, "samples", "*.ct")))]
    cases += [("numpy-", program, OUTPUTS[:1]) for program in sorted(glob.glob(os.path.join(ROOT, "Tests", "numpy", "*.ct")))]
    with tempfile.TemporaryDirectory() as folder:
        for prefix, program, outputs in cases:
            name = prefix + os.path.basename(program)
            tensor = outputs is OUTPUTS and "[" in first_input(program)
            for label, arguments, written in outputs + (AUDIT_OUTPUTS if name in AUDITED else []) + (CHAIN_OUTPUTS if tensor else []):
                if label == "animated PNG" and name not in ANIMATED_PNG:
                    continue
                if name in TENSOR_LEVEL_ONLY and label not in TENSOR_LEVEL:
                    continue
                runs = []
                for run in ("a", "b"):
                    out = os.path.join(folder, f"{name}.{run}")
                    make(binary, arguments, program, out)
                    runs.append(open(written.format(out=out), "rb").read())
                if runs[0] == runs[1] and runs[0]:
                    passed += 1
                    print(f"ok   {name} {label}")
                else:
                    failed += 1
                    print(f"FAIL {name} {label}: two processes wrote different bytes")
    print(f"determinism: {passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
