#!/usr/bin/env bash
# memory.sh [PRESET] [MINUTES...]: peak working set (max RSS of videokit and, separately, of its FFmpeg encoder) for a 1-minute and a
# 10-minute 1080p render of the same kind of project; memory should not grow with the length.
set -euo pipefail
cd "$(dirname "$0")/../.."
preset=${1:-ultrafast}; shift || true
lengths=("${@:-1 10}")
vk=artifacts/bin/VideoKit.Cli/release/videokit
[ -x "$vk" ] || dotnet build src/VideoKit.Cli -c Release -v q -nologo >/dev/null
for minutes in ${lengths[@]}; do
  dir=$(mktemp -d /tmp/videokit-memory-XXXX)
  project=$(benchmarks/segments/make-project.sh "$dir" $((minutes * 60)) 1920 1080 "$preset")
  /usr/bin/time -f "%M %e" -o "$dir/time.txt" "$vk" render "$project" -o "$dir/out.mp4" >/dev/null 2>&1
  read -r kb secs < "$dir/time.txt"
  echo "$minutes min 1080p ($preset): peak RSS $((kb / 1024)) MiB (largest process of the tree as GNU time reports it), $secs s; load average $(cut -d' ' -f1 /proc/loadavg)"
  rm -rf "$dir"
done
