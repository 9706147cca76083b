#!/usr/bin/env bash
# The whole test suite: Swift unit tests, every sample's trace JSON against the schema, every
# output format made twice by two processes and compared, every command the documentation shows,
# every sample's TikZ picture compiled with pdflatex,
# the tensor traces against an independent NumPy implementation,
# the DocC catalogs, the HTML report driven in headless Chromium, the page's script under node,
# the benchmark's smoke run and a few seconds of each libFuzzer target (Fuzz/).
# Installs what it misses first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Tests/install-dependencies.sh --tests
swift build
mkdir -p .build
swift test 2>&1 | tee .build/swift-test.log
swift_passed=$(sed -n 's/.*Test run with \([0-9]*\) tests\{0,1\} in .* passed.*/\1/p' .build/swift-test.log | tail -1)
python3 Tests/validate-traces.py .build/debug/chaintrace | tee .build/schema.log
python3 Tests/trace-variants.py --check
python3 Tests/validate-audits.py .build/debug/chaintrace | tee .build/audit-schema.log
python3 Tests/determinism.py .build/debug/chaintrace | tee .build/determinism.log
python3 Tests/readme-commands.py .build/debug | tee .build/readme.log
python3 Tests/micrograd/test_import.py .build/debug/chaintrace | tee .build/micrograd.log
python3 Tests/tikz/compile.py .build/debug/chaintrace | tee .build/tikz.log
python3 Tests/numpy/test_oracle.py .build/debug/chaintrace | tee .build/numpy.log
bash Tests/check-docs.sh | tee .build/docs.log
bash Tests/browser/run.sh | tee .build/browser.log
bash Tests/page/run.sh | tee .build/page.log
bash Benchmarks/run.sh --smoke | tee .build/bench.log
bash Fuzz/smoke.sh 5 | tee .build/fuzz.log
schema_passed=$(sed -n 's/^schema: \([0-9]*\) passed.*/\1/p' .build/schema.log)
audit_passed=$(sed -n 's/^audit schema: \([0-9]*\) passed.*/\1/p' .build/audit-schema.log)
determinism_passed=$(sed -n 's/^determinism: \([0-9]*\) passed.*/\1/p' .build/determinism.log)
readme_passed=$(sed -n 's/^readme: \([0-9]*\) passed.*/\1/p' .build/readme.log)
micrograd_passed=$(sed -n 's/^micrograd: \([0-9]*\) passed.*/\1/p' .build/micrograd.log)
tikz_passed=$(sed -n 's/^tikz: \([0-9]*\) passed.*/\1/p' .build/tikz.log)
numpy_passed=$(sed -n 's/^numpy: \([0-9]*\) passed.*/\1/p' .build/numpy.log)
docs_passed=$(sed -n 's/^docs: \([0-9]*\) passed.*/\1/p' .build/docs.log)
browser_passed=$(sed -n 's/^\([0-9]*\) passed, 0 failed$/\1/p' .build/browser.log)
page_passed=$(sed -n 's/^page: \([0-9]*\) passed.*/\1/p' .build/page.log)
bench_passed=$(sed -n 's/^bench: \([0-9]*\) passed, 0 failed$/\1/p' .build/bench.log)
fuzz_passed=$(sed -n 's/^fuzz: \([0-9]*\) passed, 0 failed$/\1/p' .build/fuzz.log)
echo "all: $((swift_passed + schema_passed + audit_passed + determinism_passed + readme_passed + micrograd_passed + numpy_passed + tikz_passed + docs_passed + browser_passed + page_passed + bench_passed + fuzz_passed)) passed, 0 failed"
