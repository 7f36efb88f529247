#!/usr/bin/env bash
# memory.sh [PRESET] [MINUTES...]: peak working set of a 1-minute and a 10-minute 1080p render of the same kind of project
# (default: ultrafast, 1 and 10). Memory should not grow with the length: the target is under 1 GB, and the longer
# render within 20 % of the shorter one. Each process's peak (VmHWM) is sampled from /proc every 0.5 s: videokit (.NET)
# and each FFmpeg/FFprobe it starts are reported separately, and the largest single process is the working-set figure.
set -euo pipefail
cd "$(dirname "$0")/../.."
preset=${1:-ultrafast}; shift || true
lengths=("${@:-1 10}")
vk=${VK:-artifacts/bin/VideoKit.Cli/release/videokit}   # VK=path/to/videokit measures another build
[ -x "$vk" ] || dotnet build src/VideoKit.Cli -c Release -v q -nologo >/dev/null
declare -a peaks=()
for minutes in ${lengths[@]}; do
  dir=$(mktemp -d /tmp/videokit-memory-XXXX)
  project=$(benchmarks/segments/make-project.sh "$dir" $((minutes * 60)) 1920 1080 "$preset")
  start=$(date +%s.%N)
  "$vk" render "$project" -o "$dir/out.mp4" >/dev/null 2>"$dir/err.txt" & pid=$!
  # Sample VmHWM (peak resident set) of videokit and of every descendant until videokit exits.
  python3 - "$pid" > "$dir/peaks.txt" <<'PY'
import os, sys, time
root = int(sys.argv[1]); peak = {}
def children(p):
    try:
        return [int(c) for t in os.listdir(f"/proc/{p}/task") for c in open(f"/proc/{p}/task/{t}/children").read().split()]
    except OSError:
        return []
while os.path.exists(f"/proc/{root}") and open(f"/proc/{root}/stat").read().split()[2] != 'Z':
    todo = [root]
    while todo:
        p = todo.pop(); todo += children(p)
        try:
            status = dict(l.split(':', 1) for l in open(f"/proc/{p}/status"))
            name = status['Name'].strip(); kb = int(status.get('VmHWM', '0 kB').split()[0])
            peak[name] = max(peak.get(name, 0), kb)
        except (OSError, KeyError, ValueError):
            pass
    time.sleep(0.5)
for name, kb in sorted(peak.items(), key=lambda x: -x[1]):
    print(name, kb)
PY
  wait $pid || { echo "render failed:"; cat "$dir/err.txt"; exit 1; }
  secs=$(python3 -c "import time; print(f'{time.time() - $start:.1f}')")
  largest=$(head -1 "$dir/peaks.txt" | cut -d' ' -f2)
  peaks+=("$largest")
  echo "$minutes min 1080p ($preset): peak working set $((largest / 1024)) MiB; per process: $(awk '{printf "%s %d MiB, ", $1, $2/1024}' "$dir/peaks.txt" | sed 's/, $//'); $secs s; load average $(cut -d' ' -f1 /proc/loadavg)"
  rm -rf "$dir"
done
if [ ${#peaks[@]} -ge 2 ]; then
  python3 - "${peaks[@]}" <<'PY'
import sys
first, last = int(sys.argv[1]), int(sys.argv[-1])
growth = (last - first) / first * 100
ok = last < 1024 * 1024 and abs(growth) <= 20
print(f"RESULT memory: shortest {first / 1024:.0f} MiB, longest {last / 1024:.0f} MiB, growth {growth:+.1f} % "
      f"(target: < 1024 MiB and within 20 %): {'MET' if ok else 'NOT MET'}")
PY
fi
