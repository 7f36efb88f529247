#!/usr/bin/env bash
# speedup.sh [SECONDS] [WIDTH] [HEIGHT]: the same project rendered by one worker pinned to core 0, then by two workers
# pinned to cores 0 and 1 (taskset), each rendering one segment (`videokit render --segment K/2`), then stitched.
# Prints the wall times, the per-segment cost and the stitch cost (the inputs of the scaling curve in benchmarks/README.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-20}; w=${2:-640}; h=${3:-360}
vk=artifacts/bin/VideoKit.Cli/release/videokit
[ -x "$vk" ] || dotnet build src/VideoKit.Cli -c Release -v q -nologo >/dev/null
dir=$(mktemp -d /tmp/videokit-speedup-XXXX)
project=$(benchmarks/segments/make-project.sh "$dir" "$seconds" "$w" "$h")
now() { date +%s.%N; }
t0=$(now); taskset -c 0 "$vk" render "$project" --segment 1/1 -o "$dir/one-1.mp4" >/dev/null; t1=$(now)
taskset -c 0 "$vk" stitch "$project" "$dir/one-1.mp4" -o "$dir/one.mp4" >/dev/null; t2=$(now)
taskset -c 0 "$vk" render "$project" --segment 1/2 -o "$dir/two-1.mp4" >/dev/null & p1=$!
taskset -c 1 "$vk" render "$project" --segment 2/2 -o "$dir/two-2.mp4" >/dev/null & p2=$!
wait $p1; t3a=$(now); wait $p2; t3=$(now)
"$vk" stitch "$project" "$dir/two-1.mp4" "$dir/two-2.mp4" -o "$dir/two.mp4" >/dev/null; t4=$(now)
python3 - "$t0" "$t1" "$t2" "$t3" "$t4" "$seconds" <<'PY'
import sys
t0, t1, t2, t3, t4, seconds = map(float, sys.argv[1:])
one = t2 - t0; two = t4 - t2
print(f"video: {seconds:.0f} s; load average {open('/proc/loadavg').read().split()[0]}")
print(f"1 worker (core 0):        render {t1 - t0:6.1f} s + stitch {t2 - t1:4.1f} s = {one:6.1f} s")
print(f"2 workers (cores 0 and 1): render {t3 - t2:6.1f} s + stitch {t4 - t3:4.1f} s = {two:6.1f} s")
print(f"speed-up {one / two:.2f}x (renders only: {(t1 - t0) / (t3 - t2):.2f}x)")
PY
rm -rf "$dir"
