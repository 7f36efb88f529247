#!/usr/bin/env bash
# make-project.sh DIR SECONDS WIDTH HEIGHT [PRESET]: a project of SECONDS with a 10 s clip and a still taking turns
# every 5 s (cuts and crossfades), a sine song of the same length, output WIDTHxHEIGHT at 30 fps.
set -euo pipefail
dir=$1; seconds=$2; w=$3; h=$4; preset=${5:-medium}
mkdir -p "$dir"
ffmpeg -v error -y -f lavfi -i "sine=frequency=330:sample_rate=44100:duration=$seconds" -ac 2 "$dir/song.wav"
[ -f "$dir/clip.mp4" ] || ffmpeg -v error -y -f lavfi -i "testsrc2=size=${w}x${h}:rate=30:duration=10" -c:v libx264 -preset ultrafast -pix_fmt yuv420p "$dir/clip.mp4"
[ -f "$dir/still.png" ] || ffmpeg -v error -y -f lavfi -i "smptehdbars=size=${w}x${h}" -frames:v 1 -update 1 "$dir/still.png"
python3 - "$dir" "$seconds" "$w" "$h" "$preset" <<'PY'
import json, sys
d, seconds, w, h, preset = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
items = []
for i in range(seconds // 5):
    if i % 2 == 0:
        item = {"video": "clip.mp4", "in": (i % 4) * 1.0, "duration": 5}
    else:
        item = {"image": "still.png", "duration": 5}
    if i % 3 == 1:
        item["transition"] = {"type": "crossfade", "duration": 0.5}
    items.append(item)
json.dump({"song": "song.wav", "output": {"width": w, "height": h, "fps": 30, "preset": preset}, "items": items}, open(f"{d}/project.json", "w"), indent=1)
PY
echo "$dir/project.json"
