#!/usr/bin/env python3
"""Every sample's TikZ picture compiles with pdflatex, and so does one whose names are hostile.

For each sample program (and the micrograd demo's trace) `chaintrace render FILE -o FILE.tex` is
compiled with `pdflatex -halt-on-error`; the PDF's text (pdftotext) must carry the diagram's title,
and the log no missing character. `--keep DIR` keeps the PDFs and a PNG of each (for looking at them).

Usage: python3 Tests/tikz/compile.py .build/debug/chaintrace [--keep DIR]
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# Text that TeX reads as commands, comments, math, groups, alignment or ligatures, beside markup and emoji.
HOSTILE = ["\\input{/etc/passwd}}\\end{document}", "$x^2$ % not a comment", "a & b # c _ d ~ e ^ f",
           "--- !` ?` ``q''", "</td><b>x</b>", "\u05e9\u05dc\u05d5\u05dd \u202eevil\u202c 🧪 Größe"]


def hostile_trace(binary, folder):
    data = subprocess.run([binary, "trace", "-e", "y = a * b + c * d + e + f", "--at", "a=1,b=2,c=3,d=4,e=5,f=6",
                           "--json", "-"], check=True, capture_output=True, text=True).stdout
    document = json.loads(data)
    for node, name in zip(document["nodes"], HOSTILE):
        node["name"] = name
    path = os.path.join(folder, "hostile.json")
    with open(path, "w") as file:
        json.dump(document, file)
    return path


def main():
    binary = os.path.abspath(sys.argv[1])
    keep = sys.argv[sys.argv.index("--keep") + 1] if "--keep" in sys.argv else None
    passed = failed = 0
    with tempfile.TemporaryDirectory() as folder:
        inputs = sorted(glob.glob(os.path.join(ROOT, "samples", "*.ct"))) + [os.path.join(ROOT, "samples", "micrograd-demo.json")]
        inputs.append(hostile_trace(binary, folder))
        for source in inputs:
            name = os.path.splitext(os.path.basename(source))[0]
            tex = os.path.join(folder, name + ".tex")
            problems = []
            render = subprocess.run([binary, "render", source, "-o", tex], capture_output=True, text=True)
            if render.returncode != 0:
                problems.append("render: " + render.stderr.strip())
            else:
                latex = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", name + ".tex"],
                                       cwd=folder, capture_output=True, text=True)
                log = open(os.path.join(folder, name + ".log"), encoding="latin-1").read()
                pdf = os.path.join(folder, name + ".pdf")
                if latex.returncode != 0 or not os.path.exists(pdf):
                    problems.append("pdflatex failed: " + "\n".join(line for line in log.splitlines() if line.startswith("!"))[:400])
                else:
                    if "Missing character" in log or "Undefined control sequence" in log:
                        problems.append("missing characters or commands in " + name + ".log")
                    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
                    if "backward pass" not in text.lower():
                        problems.append("the PDF's text lacks the title: " + text[:200])
                    if name == "hostile" and not all(word in text for word in ["etc/passwd", "not a comment", "Größe", "U+1F9EA"]):
                        problems.append("hostile names are not shown as text: " + text[:400])
                    if keep:
                        os.makedirs(keep, exist_ok=True)
                        shutil.copy(pdf, keep)
                        subprocess.run(["pdftoppm", "-r", "110", "-png", "-singlefile", pdf, os.path.join(keep, name)], check=True)
            if problems:
                failed += 1
                print(f"FAIL {name}: " + "; ".join(problems))
            else:
                passed += 1
    print(f"tikz: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
