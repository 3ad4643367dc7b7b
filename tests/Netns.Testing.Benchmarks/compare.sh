#!/usr/bin/env bash
# Runs the C floor and the library's benchmark alternately and prints the ratio of their medians
# for each round, then the median ratio. Needs root (or a user namespace) and a C compiler.
#
#   bash tests/Netns.Testing.Benchmarks/compare.sh [rounds] [iterations]
set -euo pipefail

rounds=${1:-5}
iterations=${2:-1000}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cc -O2 -o "$work/netns_floor" "$here/reference/netns_floor.c"
dotnet build -c Release -o "$work/bench" "$here" > "$work/build.log" || { cat "$work/build.log"; exit 1; }

median() { sed -n 's/.*: median \([0-9.]*\) ms.*/\1/p' | tail -1; }

ratios=()
for round in $(seq "$rounds"); do
    floor=$("$work/netns_floor" "$iterations" | median)
    library=$(dotnet "$work/bench/Netns.Testing.Benchmarks.dll" "$iterations" | median)
    ratio=$(awk -v l="$library" -v f="$floor" 'BEGIN { printf "%.3f", l / f }')
    ratios+=("$ratio")
    echo "round $round: C floor $floor ms, library $library ms, ratio $ratio"
done

printf '%s\n' "${ratios[@]}" | sort -n | awk '{ r[NR] = $1 } END { printf "median ratio over %d rounds: %.3f\n", NR, (NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2) }'
