#!/usr/bin/env bash
# speedup.sh [SECONDS] [WIDTH] [HEIGHT]: the same project rendered by one worker pinned to core 0 (`videokit render`,
# the whole render as a user runs it: video, sound and index in one pass), then by two workers pinned to cores 0 and 1
# (taskset), each rendering one segment (`videokit render --segment K/2`), with the sound encoded as a job of its own
# beside them (`videokit render --audio`, on either core: taskset -c 0,1), then stitched (`videokit stitch --audio`,
# a remux). Prints the wall times, the per-segment costs, the sound job and the stitch cost (the inputs of the scaling
# curve in benchmarks/README.md), and one RESULT line. Run it on a quiet machine: other load on either core decides the result.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-20}; w=${2:-640}; h=${3:-360}
vk=${VK:-artifacts/bin/VideoKit.Cli/release/videokit}
[ -x "$vk" ] || dotnet build src/VideoKit.Cli -c Release -v q -nologo >/dev/null
dir=$(mktemp -d /tmp/videokit-speedup-XXXX)
trap 'rm -rf "$dir"' EXIT
project=$(benchmarks/segments/make-project.sh "$dir" "$seconds" "$w" "$h")
load0=$(cut -d' ' -f1 /proc/loadavg)
now() { date +%s.%N; }
# Each step's processor time (user + system, its FFmpeg children included) goes to $dir/cpu-NAME: the CPU line below
# is a second estimate that other load on the machine disturbs far less than the wall times.
cpu() { local name=$1; shift; if [ -x /usr/bin/time ]; then /usr/bin/time -f "%U %S" -o "$dir/cpu-$name" "$@"; else echo "0 0" > "$dir/cpu-$name"; "$@"; fi; }
t0=$(now); cpu one taskset -c 0 "$vk" render "$project" -o "$dir/one.mp4" >/dev/null; t1=$(now)
( cpu seg1 taskset -c 0 "$vk" render "$project" --segment 1/2 -o "$dir/two-1.mp4" >/dev/null; now > "$dir/end-1" ) & p1=$!
( cpu seg2 taskset -c 1 "$vk" render "$project" --segment 2/2 -o "$dir/two-2.mp4" >/dev/null; now > "$dir/end-2" ) & p2=$!
( cpu sound taskset -c 0,1 "$vk" render "$project" --audio -o "$dir/sound.m4a" >/dev/null; now > "$dir/end-a" ) & pa=$!
wait $p1; wait $p2; wait $pa; t3=$(now)
cpu stitch taskset -c 0,1 "$vk" stitch "$project" "$dir/two-1.mp4" "$dir/two-2.mp4" --audio "$dir/sound.m4a" -o "$dir/two.mp4" >/dev/null; t4=$(now)
frames() { ffprobe -v error -count_packets -select_streams v:0 -show_entries stream=nb_read_packets -of csv=p=0 "$1"; }
[ "$(frames "$dir/one.mp4")" = "$(frames "$dir/two.mp4")" ] || { echo "the two renders differ in frame count" >&2; exit 1; }
cpus() { for n in one seg1 seg2 sound stitch; do awk '{ printf "%s ", $1 + $2 }' "$dir/cpu-$n"; done; }
python3 - "$t0" "$t1" "$t3" "$t4" "$(cat "$dir/end-1")" "$(cat "$dir/end-2")" "$(cat "$dir/end-a")" "$seconds" "$w" "$h" "$load0" $(cpus) <<'PY'
import sys
t0, t1, t3, t4, e1, e2, ea, seconds, w, h, load0, c1, cs1, cs2, ca, cst = map(float, sys.argv[1:])
one = t1 - t0; two = t4 - t1
load1 = open('/proc/loadavg').read().split()[0]
print(f"video: {seconds:.0f} s at {w:.0f}x{h:.0f}, 30 fps, H.264 medium CRF 20, AAC 192k; load average {load0} before, {load1} after")
print(f"1 worker (core 0):          whole render (video + sound + faststart) {one:6.1f} s")
print(f"2 workers (cores 0 and 1):  segment 1/2 {e1 - t1:6.1f} s, segment 2/2 {e2 - t1:6.1f} s, sound {ea - t1:4.1f} s beside them (wall {t3 - t1:6.1f} s) + stitch (remux) {t4 - t3:4.1f} s = {two:6.1f} s")
# Processor time: one core's work vs the two cores' (the segments and the sound shared over both, at best evenly; never
# below the larger segment) plus the stitch.
two_cpu = max(cs1, cs2, (cs1 + cs2 + ca) / 2) + cst
print(f"processor time: whole {c1:.1f} s; segment 1/2 {cs1:.1f} s, 2/2 {cs2:.1f} s, sound {ca:.1f} s, stitch {cst:.1f} s; "
      f"work 1 core {c1:.1f} s vs 2 cores {two_cpu:.1f} s: {c1 / two_cpu:.2f}x")
ok = one / two >= 1.7
print(f"RESULT speed-up 2 workers vs 1: {one / two:.2f}x (before the stitch {one / (t3 - t1):.2f}x); target >= 1.7x: {'MET' if ok else 'NOT MET'}"
      + ("" if float(load0) < 1.5 else f" (machine loaded: load average {load0}; re-run on a quiet machine)"))
PY
