#!/usr/bin/env bash
# Builds the libFuzzer targets (Fuzz/Targets/*.swift) against the package's own sources, instrumented
# with `swiftc -sanitize=fuzzer`. SwiftPM cannot build them: its executables bring their own `main`,
# which libFuzzer replaces, so each module is compiled here, in dependency order, into .build-fuzz/.
# Usage: bash Fuzz/build.sh [TARGET…]   (all targets when none is named)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${FUZZ_BUILD:-.build-fuzz}  # FUZZ_BUILD: another folder, for a long run beside CI's smoke run
mkdir -p "$out"
[ -d .build/checkouts/swift-numerics ] || swift package resolve
numerics=.build/checkouts/swift-numerics/Sources
# -O for speed; coverage instrumentation everywhere the input reaches; one package so `package` access works.
flags=(-O -g -sanitize=fuzzer -parse-as-library -package-name chaintrace -I "$out" -I "$numerics/_NumericsShims/include")

# Modules are listed in dependency order, and one is rebuilt when its sources or the module before it
# are newer than its stamp: a module inlines its dependencies' @inlinable code (the tape's storage), so
# keeping a stale one would run old layouts, even after a run that stopped part-way.
previous=""
module() { # NAME DIR: compiles the module's sources into $out/NAME.swiftmodule and $out/libNAME.a
    local name=$1 dir=$2 stamp="$out/$1.stamp"
    if [ -f "$stamp" ] && [ -z "$(find "$dir" -name '*.swift' -newer "$stamp" -print -quit)" ] \
        && { [ -z "$previous" ] || [ ! "$previous" -nt "$stamp" ]; }; then
        previous=$stamp
        return
    fi
    echo "fuzz: building $name" >&2
    swiftc "${flags[@]}" -module-name "$name" -emit-module -emit-module-path "$out/$name.swiftmodule" \
        -emit-library -static -o "$out/lib$name.a" $(find "$dir" -name '*.swift' | sort)
    touch "$stamp"
    previous=$stamp
}
module RealModule "$numerics/RealModule"
module ChainTraceText Sources/ChainTraceText
module ChainTrace Sources/ChainTrace
module ChainTraceAnalysis Sources/ChainTraceAnalysis
module ChainTraceTensor Sources/ChainTraceTensor
module ChainTraceLanguage Sources/ChainTraceLanguage
module ChainTraceFormat Sources/ChainTraceFormat

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=($(ls Fuzz/Targets | sed 's/\.swift$//'))
for target in "${targets[@]}"; do
    echo "fuzz: linking $target" >&2
    swiftc "${flags[@]}" -module-name "${target//-/_}" Fuzz/Targets/"$target".swift Fuzz/Support/*.swift -L "$out" \
        -lChainTraceFormat -lChainTraceLanguage -lChainTraceTensor -lChainTraceAnalysis -lChainTrace -lChainTraceText -lRealModule \
        -o "$out/$target"
done
