#!/usr/bin/env python3
"""Runs every command the documentation shows, as written, and checks the output it shows.

Sources: the code blocks and inline code of README.md and samples/README.md, and the "Examples:"
of every subcommand's --help. A line that starts with `chaintrace `, `$ chaintrace ` or
`swift run NAME` is a command; `swift run NAME` runs the already built product (the build itself is
not repeated). Where a block shows `$ command` followed by lines of output, the output must match
those lines exactly. Commands run in order, through bash, in a scratch folder holding a copy of
samples/, with the built products first on PATH.

Usage: python3 Tests/readme-commands.py BUILD_DIR   (e.g. .build/debug)
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOCUMENTS = ["README.md", "samples/README.md"]
COMMAND = re.compile(r"^(?:\$ )?(chaintrace |swift run )")


def fenced_blocks(text):
    """(language, lines) of every fenced code block."""
    for match in re.finditer(r"^```(\w*)\n(.*?)^```", text, re.S | re.M):
        yield match.group(1), match.group(2).splitlines()


def commands_in(path):
    """(where, command, expected output or None) for every command in a Markdown document."""
    text = open(os.path.join(ROOT, path), encoding="utf-8").read()
    found = []
    for language, lines in fenced_blocks(text):
        if language not in ("", "sh", "console"):
            continue
        index = 0
        while index < len(lines):
            line = lines[index]
            index += 1
            if not COMMAND.match(line):
                continue
            if line.startswith("$ "):
                output = []
                while index < len(lines) and not lines[index].startswith("$ "):
                    output.append(lines[index])
                    index += 1
                found.append((path, line[2:], output))
            else:
                found.append((path, line, None))
    without_blocks = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)
    for span in re.findall(r"`([^`\n]+)`", without_blocks):
        # `chaintrace render` alone names a command in prose; with arguments it is one to run.
        if COMMAND.match(span) and len(span.split()) > 2:
            found.append((path, span, None))
    return found


def help_examples(binary):
    """Every example line in the subcommands' --help."""
    found = []
    top = subprocess.run([binary, "--help"], capture_output=True, text=True, check=True).stdout
    names = re.findall(r"^  (\w+)\s{2,}", top.split("SUBCOMMANDS:")[1], re.M)
    for name in names:
        text = subprocess.run([binary, name, "--help"], capture_output=True, text=True, check=True).stdout
        for line in text.splitlines():
            if line.strip().startswith("chaintrace "):
                found.append((f"chaintrace {name} --help", line.strip(), None))
    return names, found


def as_run(command):
    """`swift run NAME ARGS` becomes `NAME ARGS` (the product is already built and on PATH)."""
    return re.sub(r"^swift run (?:-c release )?", "", command)


def library_snippet_problems(build):
    """The README's Swift snippet is samples/library/main.swift, which compiles without warnings, and its
    manifest lines name products the package has."""
    readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    source = open(os.path.join(ROOT, "samples/library/main.swift"), encoding="utf-8").read()
    swift_blocks = ["\n".join(lines) + "\n" for language, lines in fenced_blocks(readme) if language == "swift"]
    problems = []
    if source not in swift_blocks:
        problems.append("README.md's library snippet differs from samples/library/main.swift")
    manifest = open(os.path.join(ROOT, "Package.swift"), encoding="utf-8").read()
    products = set(re.findall(r'\.library\(name: "(\w+)"', manifest))
    named = set(re.findall(r'\.product\(name: "(\w+)", package: "chaintrace"\)', readme))
    if not named or named - products:
        problems.append(f"README.md names products the package lacks: {sorted(named - products)}")
    numerics = os.path.join(ROOT, ".build/checkouts/swift-numerics/Sources/_NumericsShims/include")
    check = subprocess.run(
        ["swiftc", "-typecheck", "-warnings-as-errors", "-I", os.path.join(build, "Modules"), "-I", numerics,
         "-I", os.path.join(ROOT, "Sources/CGraphviz"), "-I", os.path.join(build, "CGraphvizShim.build"),
         os.path.join(ROOT, "samples/library/main.swift")],
        capture_output=True, text=True)
    if check.returncode != 0:
        problems.append("samples/library/main.swift does not compile without warnings:\n" + check.stderr[:2000])
    return problems


def main():
    build = os.path.abspath(sys.argv[1])
    binary = os.path.join(build, "chaintrace")
    cases = [case for document in DOCUMENTS for case in commands_in(document)]
    names, examples = help_examples(binary)
    cases += examples
    passed = failed = 0
    with tempfile.TemporaryDirectory() as scratch:
        shutil.copytree(os.path.join(ROOT, "samples"), os.path.join(scratch, "samples"))
        environment = dict(os.environ, PATH=build + os.pathsep + os.environ["PATH"])
        for where, command, expected in cases:
            run = subprocess.run(["bash", "-c", as_run(command)], cwd=scratch, env=environment,
                                 capture_output=True, text=True, timeout=300)
            problem = None
            if run.returncode != 0:
                problem = f"exit {run.returncode}: {run.stderr.strip()[:400]}"
            elif expected is not None:
                shown = [line.rstrip() for line in expected]
                printed = [line.rstrip() for line in run.stdout.rstrip("\n").splitlines()]
                while shown and not shown[-1]:
                    shown.pop()
                if printed != shown:
                    problem = "output differs from the documentation:\n" + "\n".join(
                        f"    shown:   {a!r}\n    printed: {b!r}" for a, b in zip(shown + [""] * 99, printed + [""] * 99)
                        if a != b)[:2000]
            if problem:
                failed += 1
                print(f"FAIL {where}: {command}\n  {problem}")
            else:
                passed += 1
                print(f"ok   {where}: {command}")
    problems = library_snippet_problems(build)
    for problem in problems:
        print(f"FAIL {problem}")
    failed += 1 if problems else 0
    passed += 0 if problems else 1
    if len(names) < 7 or not any(w.endswith("--help") for w, _, _ in cases):
        failed += 1
        print(f"FAIL found only {len(names)} subcommands and {len(examples)} help examples")
    print(f"readme: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
