#!/usr/bin/env bash
# run-anchors.sh SET_DIR [OUT_DIR]: runs the two reference trackers (essentia.js 0.1.3 RhythmExtractor2013 degara and
# music-tempo 1.0.3) on every FLAC of SET_DIR and scores them with beat-accuracy's scorer (BEATS_EXTRA_EST), the same
# measures as VideoKit on that set (beats before 5 s ignored, ±70 ms F, CMLt/AMLt). Needs node, npm and ffmpeg; the npm
# packages are installed into OUT_DIR/node_modules (default OUT_DIR: /tmp/videokit-anchors).
set -euo pipefail
cd "$(dirname "$0")/../.."
set_dir=$(realpath "$1")
out=${2:-/tmp/videokit-anchors}
mkdir -p "$out"
if [ ! -d "$out/node_modules/essentia.js" ] || [ ! -d "$out/node_modules/music-tempo" ]; then
  npm install --prefix "$out" --no-audit --no-fund essentia.js@0.1.3 music-tempo@1.0.3 >/dev/null
fi
dotnet build benchmarks/VideoKit.Benchmarks -c Release -v q -nologo >/dev/null
for tracker in essentia music-tempo; do
  echo "== $tracker (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  NODE_PATH="$out/node_modules" node benchmarks/rhythm/anchors.js "$set_dir" "$out/$tracker" "$tracker" | tail -1
  BEATS_EXTRA="$set_dir" BEATS_EXTRA_EST="$out/$tracker" dotnet run -c Release --no-build --project benchmarks/VideoKit.Benchmarks -- beat-accuracy
done
