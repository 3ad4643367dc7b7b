#!/usr/bin/env bash
# Runs the C floor, the C floor with link requests and the library's benchmark in turn, and prints
# each round's medians and the library's ratio to each floor, then the median ratios. Needs root
# (or a user namespace) and a C compiler.
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
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
middle() { sort -n | awk '{ r[NR] = $1 } END { printf "%.3f", (NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2) }'; }

plain=()
ready=()
for round in $(seq "$rounds"); do
    floor=$("$work/netns_floor" "$iterations" | median)
    floor_ready=$("$work/netns_floor" "$iterations" --link-requests | median)
    library=$(dotnet "$work/bench/Netns.Testing.Benchmarks.dll" "$iterations" | median)
    plain+=("$(ratio "$library" "$floor")")
    ready+=("$(ratio "$library" "$floor_ready")")
    echo "round $round: C floor $floor ms, with link requests $floor_ready ms, library $library ms," \
        "ratios ${plain[-1]} and ${ready[-1]}"
done

echo "median ratio over $rounds rounds: $(printf '%s\n' "${plain[@]}" | middle) to the C floor," \
    "$(printf '%s\n' "${ready[@]}" | middle) to the C floor with link requests"
