#!/usr/bin/env bash
# Hostile-input sweep over the videokit commands: every case runs the built tool in a fresh folder and records the exit
# code, the time, the first lines of standard error, and what was left on disk. Usage:
#   tests/hostile-sweep/sweep.sh [OUT.tsv] [FILTER]      (FILTER: a regex over case names)
# Flags in the last column: TRACE (stack trace / exception type printed), GENERIC (an FFmpeg exit code with no reason),
# LEFT (a temporary or partial file left after a failure), WROTE (output written although the run failed),
# CLOBBER (a file that existed before was changed by a failed run), HANG (killed by the timeout), NOLINE (failed
# without a 'videokit: error:' line).
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DLL=${VIDEOKIT_DLL:-$ROOT/artifacts/bin/VideoKit.Cli/release/videokit.dll}
OUT=${1:-/tmp/hsweep/results.tsv}
FILTER=${2:-.}
W=${HSWEEP_DIR:-/tmp/hsweep}
IN=$W/in
[ -f "$IN/song.wav" ] || "$HERE/make-inputs.sh" "$IN" >/dev/null
rm -rf "$W/run"; mkdir -p "$W/run"
printf 'case\texit\tseconds\tflags\tstderr\n' > "$OUT"
N=0
VK_ENV=()
DOTNET=$(command -v dotnet)

# new NAME FILES...: a fresh case folder with copies of the inputs named (src or src=dest).
new() {
  N=$((N + 1)); C="$W/run/$(printf '%03d' $N)-$1"; NAME=$1; shift
  mkdir -p "$C"
  for f in "$@"; do
    local src=${f%%=*} dst=${f#*=}
    mkdir -p "$(dirname "$C/$dst")"; cp "$IN/$src" "$C/$dst"
  done
}
proj() { printf '%s' "$1" > "$C/${2:-p.json}"; }
std() { printf '{ "song": "%s", "output": { "width": 64, "height": 48, "fps": 10, "preset": "ultrafast" }, "items": [ %s ] %s }' "$1" "$2" "${3:-}"; }

# vk ARGS...: runs the tool in the case folder; records the outcome.
vk() {
  [[ $NAME =~ $FILTER ]] || return 0
  local before after t0 t1 rc err flags=""
  before=$(cd "$C" && find . -type f -newer "$W/run" -printf '%p %s %T@\n' | sort)
  find "$C" -type f -exec md5sum {} + 2>/dev/null | sort > "$C.md5"
  t0=$(date +%s.%N)
  (cd "$C" && /usr/bin/env "${VK_ENV[@]}" /usr/bin/timeout -s KILL 240 "$DOTNET" "$DLL" "$@" > "$C.out" 2> "$C.err"); rc=$?
  t1=$(date +%s.%N)
  [ $rc -eq 137 ] && flags+="HANG "
  grep -qE '^\s+at |Exception:|Unhandled' "$C.err" && flags+="TRACE "
  grep -qiE 'exited with code|exit code [0-9]+\.?$' "$C.err" && flags+="GENERIC "
  if [ $rc -ne 0 ]; then
    grep -q '^videokit: error' "$C.err" || flags+="NOLINE "
    find "$C" -name '.vk-*' | grep -q . && flags+="LEFT "
    local changed
    changed=$(cd / && md5sum -c --quiet "$C.md5" 2>/dev/null | grep -v ': OK' | head -3)
    [ -n "$changed" ] && flags+="CLOBBER "
    for o in "${OUTS[@]:-}"; do [ -n "$o" ] && [ -e "$C/$o" ] && ! grep -q "$C/$o" "$C.md5" && flags+="WROTE "; done
  fi
  local msg; msg=$(head -c 600 "$C.err" | tr '\n\t' '|  '); msg=${msg//$C\//}; msg=${msg//$C/.}
  printf '%s\t%s\t%.1f\t%s\t%s\n' "$NAME" "$rc" "$(echo "$t1 - $t0" | bc)" "${flags% }" "$msg" | tee -a "$OUT"
}
OUTS=(out.mp4 out.png out.json out.xyz out out.wav out.gif out.mkv out.fcpxml out.mlt out.otio)

# ---------------------------------------------------------------- render: the song
new render-ok song.wav still.png; proj "$(std song.wav '{ "image": "still.png", "duration": 2 }')"; vk render p.json -o out.mp4
for s in zero.wav silent.wav short.wav empty-audio.wav noaudio.mp4 av.mp4 still.png text.wav anim.gif; do
  new "render-song-$s" "$s" still.png; proj "$(std "$s" '{ "image": "still.png", "duration": 1 }')"; vk render p.json -o out.mp4
done
new render-song-missing still.png; proj "$(std gone.wav '{ "image": "still.png", "duration": 1 }')"; vk render p.json -o out.mp4
new render-song-folder still.png; mkdir "$C/d.wav"; proj "$(std d.wav '{ "image": "still.png", "duration": 1 }')"; vk render p.json -o out.mp4
new render-silent-edit silent.wav clip.mp4; proj '{ "song": "silent.wav", "output": { "width": 64, "height": 48, "fps": 10, "preset": "ultrafast" }, "edit": { "cutEvery": { "beats": 2 } }, "clips": ["clip.mp4"] }'; vk render p.json -o out.mp4
new render-nosong still.png; proj '{ "duration": 1, "output": { "width": 64, "height": 48, "fps": 10, "preset": "ultrafast" }, "items": [ { "image": "still.png", "duration": 1 } ] }'; vk render p.json -o out.mp4

# ---------------------------------------------------------------- render: images
for i in odd.png one.png huge.png gray16.png rgb48.png rgba64.png gray.png graya.png pal.png rgba.png anim.gif anim.apng still.jpg trunc.png text.png zero.png clip.mp4 song.wav; do
  new "render-image-$i" song.wav "$i"; proj "$(std song.wav "{ \"image\": \"$i\", \"duration\": 1 }")"; vk render p.json -o out.mp4
done
new render-image-missing song.wav; proj "$(std song.wav '{ "image": "gone.png", "duration": 1 }')"; vk render p.json -o out.mp4
new render-kenburns-one song.wav one.png; proj "$(std song.wav '{ "image": "one.png", "duration": 1, "kenBurns": "auto" }')"; vk render p.json -o out.mp4
new render-kenburns-odd song.wav odd.png; proj "$(std song.wav '{ "image": "odd.png", "duration": 1, "kenBurns": "auto" }')"; vk render p.json -o out.mp4
new render-overlay-one song.wav still.png one.png; proj "$(std song.wav '{ "image": "still.png", "duration": 1 }' ', "overlays": [ { "image": "one.png", "start": 0, "duration": 1, "rect": { "x": 0.1, "y": 0.1, "width": 0.3 } } ]')"; vk render p.json -o out.mp4
# ---------------------------------------------------------------- render: videos
for v in still.png audio.m4a trunc.mp4 text.png anim.gif song.wav; do
  new "render-video-$v" song.wav "$v"; proj "$(std song.wav "{ \"video\": \"$v\", \"duration\": 1 }")"; vk render p.json -o out.mp4
done
new render-clip-png song.wav still.png; proj '{ "song": "song.wav", "output": { "width": 64, "height": 48, "fps": 10, "preset": "ultrafast" }, "edit": { "bpm": 120 }, "clips": ["still.png", "audio.m4a"] }'; cp "$IN/audio.m4a" "$C/"; vk render p.json -o out.mp4
# ---------------------------------------------------------------- render: output settings, JSON
O='"song": "song.wav", "items": [ { "image": "still.png", "duration": 1 } ]'
while IFS='|' read -r n body; do
  new "render-json-$n" song.wav still.png; proj "$body"; vk render p.json -o out.mp4
done <<JSON
odd-size|{ $O, "output": { "width": 63, "height": 47, "fps": 10, "preset": "ultrafast" } }
width0|{ $O, "output": { "width": 0, "height": 48, "fps": 10 } }
width-neg|{ $O, "output": { "width": -64, "height": 48, "fps": 10 } }
width-huge|{ $O, "output": { "width": 100000, "height": 100000, "fps": 10 } }
width-float|{ $O, "output": { "width": 64.5, "height": 48, "fps": 10 } }
fps0|{ $O, "output": { "width": 64, "height": 48, "fps": 0 } }
fps-neg|{ $O, "output": { "width": 64, "height": 48, "fps": -10 } }
fps-str|{ $O, "output": { "width": 64, "height": 48, "fps": "abc" } }
fps-huge|{ $O, "output": { "width": 64, "height": 48, "fps": 1e9 } }
fps-div0|{ $O, "output": { "width": 64, "height": 48, "fps": "30/0" } }
dur-neg|{ "song": "song.wav", "duration": -1, "items": [ { "image": "still.png", "duration": 1 } ] }
dur-nan-str|{ "song": "song.wav", "duration": "NaN", "items": [ { "image": "still.png", "duration": 1 } ] }
dur-nan-bare|{ "song": "song.wav", "duration": NaN, "items": [ { "image": "still.png", "duration": 1 } ] }
dur-inf-str|{ "song": "song.wav", "duration": "Infinity", "items": [ { "image": "still.png", "duration": 1 } ] }
dur-huge|{ "song": "song.wav", "duration": 1e308, "items": [ { "image": "still.png", "duration": 1 } ] }
item-dur-neg|{ "song": "song.wav", "output": { "width": 64, "height": 48, "fps": 10 }, "items": [ { "image": "still.png", "duration": -1 } ] }
item-dur-tiny|{ "song": "song.wav", "output": { "width": 64, "height": 48, "fps": 10, "preset": "ultrafast" }, "items": [ { "image": "still.png", "duration": 0.0001 } ] }
item-start-neg|{ "song": "song.wav", "output": { "width": 64, "height": 48, "fps": 10 }, "items": [ { "image": "still.png", "start": -1, "duration": 1 } ] }
item-time-str|{ "song": "song.wav", "output": { "width": 64, "height": 48, "fps": 10 }, "items": [ { "image": "still.png", "duration": "1:xx" } ] }
video-in-gt-out|{ "song": "song.wav", "output": { "width": 64, "height": 48, "fps": 10 }, "items": [ { "video": "still.png", "in": 2, "out": 1 } ] }
unknown-key|{ $O, "sng": 1, "output": { "width": 64, "height": 48, "fps": 10, "colour": 1 } }
wrong-types|{ "song": 5, "output": "big", "items": { "a": 1 } }
items-null|{ "song": "song.wav", "items": null }
items-empty|{ "song": "song.wav", "output": { "width": 64, "height": 48, "fps": 10 }, "items": [] }
items-and-clips|{ $O, "clips": ["still.png"] }
bad-json|{ "song": "song.wav", 
empty|
null|null
array|[]
string|"song.wav"
deep|$(printf '[%.0s' $(seq 1 2000))
dup-key|{ $O, "song": "still.png" }
codec-bad|{ $O, "output": { "width": 64, "height": 48, "fps": 10, "codec": "mpeg2" } }
crf-bad|{ $O, "output": { "width": 64, "height": 48, "fps": 10, "crf": 99 } }
preset-bad|{ $O, "output": { "width": 64, "height": 48, "fps": 10, "preset": "-y" } }
pixfmt-bad|{ $O, "output": { "width": 64, "height": 48, "fps": 10, "pixelFormat": "nosuch" } }
pixfmt-inject|{ $O, "output": { "width": 64, "height": 48, "fps": 10, "pixelFormat": "yuv420p -vf hflip" } }
JSON
new render-json-binary song.wav still.png; head -c 500 /dev/urandom > "$C/p.json"; vk render p.json -o out.mp4
new render-json-utf16 song.wav still.png; printf '%s' "$(std song.wav '{ "image": "still.png", "duration": 1 }')" | iconv -t UTF-16 > "$C/p.json"; vk render p.json -o out.mp4
new render-project-missing; vk render p.json -o out.mp4
new render-project-folder; mkdir "$C/p.json"; vk render p.json -o out.mp4

# ---------------------------------------------------------------- render: edit/beat grid
for g in notmidi.mid badmidi.mid empty.lrc binary.lrc; do
  new "render-beatgrid-$g" song.wav clip.mp4 "$g"; proj "{ \"song\": \"song.wav\", \"output\": { \"width\": 64, \"height\": 48, \"fps\": 10, \"preset\": \"ultrafast\" }, \"edit\": { \"beatGrid\": \"$g\" }, \"clips\": [\"clip.mp4\"] }"; vk render p.json -o out.mp4
done
new render-beatgrid-garbage song.wav clip.mp4; printf '0.5\nabc\n-1\n1e9\n' > "$C/g.beats"; proj '{ "song": "song.wav", "output": { "width": 64, "height": 48, "fps": 10, "preset": "ultrafast" }, "edit": { "beatGrid": "g.beats" }, "clips": ["clip.mp4"] }'; vk render p.json -o out.mp4
new render-clips-empty song.wav; proj '{ "song": "song.wav", "output": { "width": 64, "height": 48, "fps": 10 }, "edit": { "bpm": 120 }, "clips": [] }'; vk render p.json -o out.mp4

# ---------------------------------------------------------------- render: lyrics and captions
for l in good.lrc emptylines.lrc badts.lrc rangets.lrc unsorted.lrc beyond.lrc empty.lrc blank.lrc binary.lrc escapes.lrc bad.srt overlap.vtt bad.ass; do
  new "render-lyrics-$l" song.wav still.png "$l"; proj "$(std song.wav '{ "image": "still.png", "duration": 3 }' ", \"lyrics\": \"$l\", \"captions\": { \"from\": \"lyrics\" }")"; vk render p.json -o out.mp4
done
new render-lyrics-missing song.wav still.png; proj "$(std song.wav '{ "image": "still.png", "duration": 3 }' ', "lyrics": "gone.lrc", "captions": { "from": "lyrics" }')"; vk render p.json -o out.mp4
new render-title-escapes song.wav still.png; proj "$(std song.wav '{ "image": "still.png", "duration": 2 }' ', "overlays": [ { "text": "{\\\\b1}x\\\\N %{pts} a:b, [c]; '"'"'q'"'"' \"dq\" \\\\", "start": 0, "duration": 1 } ]')"; vk render p.json -o out.mp4
new render-title-empty song.wav still.png; proj "$(std song.wav '{ "image": "still.png", "duration": 2 }' ', "overlays": [ { "text": "", "start": 0, "duration": 1 } ]')"; vk render p.json -o out.mp4
new render-font-missing song.wav still.png good.lrc; proj "$(std song.wav '{ "image": "still.png", "duration": 3 }' ', "lyrics": "good.lrc", "captions": { "from": "lyrics", "style": { "font": "No Such Font" } }')"; vk render p.json -o out.mp4
new render-fontsdir-file song.wav still.png good.lrc; proj "$(std song.wav '{ "image": "still.png", "duration": 3 }' ', "lyrics": "good.lrc", "captions": { "from": "lyrics", "fontsFolder": "good.lrc" }')"; vk render p.json -o out.mp4
# ---------------------------------------------------------------- render: audio mix
for a in still.png zero.wav silent.wav noaudio.mp4; do
  new "render-track-$a" song.wav still.png "$a"; proj "$(std song.wav '{ "image": "still.png", "duration": 2 }' ", \"audio\": { \"tracks\": [ { \"file\": \"$a\", \"start\": 0 } ] }")"; vk render p.json -o out.mp4
done
new render-silent-loudnorm silent.wav still.png; proj "$(std silent.wav '{ "image": "still.png", "duration": 2 }' ', "audio": { "loudness": -14 }')"; vk render p.json -o out.mp4

# ---------------------------------------------------------------- render: outputs
for o in out.xyz out out.wav out.png out.gif out.MP4 .mp4 out.mkv out.webm "out.mp4/" "" "-" "-y.mp4"; do
  new "render-o-[$o]" song.wav still.png; proj "$(std song.wav '{ "image": "still.png", "duration": 1 }')"; vk render p.json -o "$o"
done
new render-o-missingdir song.wav still.png; proj "$(std song.wav '{ "image": "still.png", "duration": 1 }')"; vk render p.json -o no/such/out.mp4
new render-o-isdir song.wav still.png; mkdir "$C/d.mp4"; proj "$(std song.wav '{ "image": "still.png", "duration": 1 }')"; vk render p.json -o d.mp4
new render-o-song song.wav still.png; proj "$(std song.wav '{ "image": "still.png", "duration": 1 }')"; vk render p.json -o song.wav --overwrite
new render-o-project song.wav still.png; proj "$(std song.wav '{ "image": "still.png", "duration": 1 }')"; vk render p.json -o p.json --overwrite
new render-o-clip song.wav clip.mp4; proj "$(std song.wav '{ "video": "clip.mp4", "duration": 1 }')"; vk render p.json -o clip.mp4 --overwrite
new render-o-readonly song.wav still.png; mkdir "$C/ro"; proj "$(std song.wav '{ "image": "still.png", "duration": 1 }')"; VK_ENV=(); vk render p.json -o /proc/out.mp4
new render-o-exists-fail song.wav text.png clip.mp4=out.mp4; proj "$(std song.wav '{ "image": "text.png", "duration": 1 }')"; vk render p.json -o out.mp4 --overwrite
new render-o-exists-noover song.wav still.png clip.mp4=out.mp4; proj "$(std song.wav '{ "image": "still.png", "duration": 1 }')"; vk render p.json -o out.mp4

# ---------------------------------------------------------------- awkward names: every file and the output
for d in "sp ace" "q'uote" 'd"q' "co:lon" "com,ma" "br[a]ck" "pc%t%d" "ünï名" "-dash" "semi;co" 'back\sl' "eq=al" 'nl
x' "cur{ly}" 'dol$HOME' "ha#sh" "qu?st" "amp&lt<gt>"; do
  new "names-[$d]" "song.wav=$d/$d.wav" "still.png=$d/$d.png" "good.lrc=$d/$d.lrc" "clip.mp4=$d/$d.mp4"
  dj=$(printf '%s' "$d" | python3 -c 'import json,sys; print(json.dumps(sys.stdin.read())[1:-1])')
  printf '{ "song": "%s.wav", "output": { "width": 64, "height": 48, "fps": 10, "preset": "ultrafast" }, "items": [ { "image": "%s.png", "duration": 1 }, { "video": "%s.mp4", "duration": 1 } ], "lyrics": "%s.lrc", "captions": { "from": "lyrics" }, "overlays": [ { "text": "%s", "start": 0, "duration": 1 } ] }' "$dj" "$dj" "$dj" "$dj" "$dj" > "$C/$d/$d.json"
  OUTS=("$d/$d.out.mp4")
  vk render "./$d/$d.json" -o "./$d/$d.out.mp4"
  vk frame "./$d/$d.json" --at 0.5 -o "./$d/$d.out.png"
  vk export "./$d/$d.json" -o "./$d/$d.out.fcpxml"
  vk export "./$d/$d.json" -o "./$d/$d.out.mlt"
  vk export "./$d/$d.json" -o "./$d/$d.out.otio"
  vk probe "./$d/$d.mp4"
  vk analyze "./$d/$d.wav" --out-dir "./$d" --json "./$d/$d.a.json"
  vk interpolate "./$d/$d.mp4" --fps 20 --mode blend -o "./$d/$d.i.mp4"
  OUTS=(out.mp4 out.png out.json out.xyz out out.wav out.gif out.mkv out.fcpxml out.mlt out.otio)
done
new names-segments "song.wav=a b'c/s.wav" "still.png=a b'c/s.png"
proj "$(std s.wav '{ "image": "s.png", "duration": 2 }')" "a b'c/p,1.json"
vk render "a b'c/p,1.json" --segment 1/2 -o "a b'c/p'1 [x].mp4"
vk render "a b'c/p,1.json" --segment 2/2 -o "a b'c/p'2 [x].mp4"
vk stitch "a b'c/p,1.json" "a b'c/p'1 [x].mp4" "a b'c/p'2 [x].mp4" -o "a b'c/all'x.mp4"

# ---------------------------------------------------------------- frame
new frame-o-input song.wav still.png; proj "$(std song.wav '{ "image": "still.png", "duration": 1 }')"; vk frame p.json --at 0.5 -o still.png
new frame-o-exists song.wav still.png one.png=out.png; proj "$(std song.wav '{ "image": "still.png", "duration": 1 }')"; vk frame p.json --at 0.5 -o out.png
new frame-o-xyz song.wav still.png; proj "$(std song.wav '{ "image": "still.png", "duration": 1 }')"; vk frame p.json --at 0.5 -o out.xyz
new frame-o-mp4 song.wav still.png; proj "$(std song.wav '{ "image": "still.png", "duration": 1 }')"; vk frame p.json --at 0.5 -o out.mp4
new frame-o-missingdir song.wav still.png; proj "$(std song.wav '{ "image": "still.png", "duration": 1 }')"; vk frame p.json --at 0.5 -o no/out.png
new frame-at-past song.wav still.png; proj "$(std song.wav '{ "image": "still.png", "duration": 1 }')"; vk frame p.json --at 99 -o out.png
new frame-odd song.wav still.png; proj '{ "song": "song.wav", "output": { "width": 63, "height": 47, "fps": 10 }, "items": [ { "image": "still.png", "duration": 1 } ] }'; vk frame p.json --at 0.5 -o out.png
# ---------------------------------------------------------------- export
new export-o-input song.wav still.png; proj "$(std song.wav '{ "image": "still.png", "duration": 1 }')"; vk export p.json -o p.json --overwrite
new export-o-xyz song.wav still.png; proj "$(std song.wav '{ "image": "still.png", "duration": 1 }')"; vk export p.json -o out.xyz
new export-o-exists song.wav still.png still.png=out.otio; proj "$(std song.wav '{ "image": "still.png", "duration": 1 }')"; vk export p.json -o out.otio
new export-xmlchars "song.wav=a&b<c>.wav" "still.png=x&y<z>\"q.png"; printf '{ "song": "a&b<c>.wav", "output": { "width": 64, "height": 48, "fps": 10 }, "items": [ { "image": "x&y<z>\\"q.png", "duration": 1 } ] }' > "$C/p.json"; vk export p.json -o out.fcpxml; vk export p.json -o out.mlt; vk export p.json -o out.otio

# ---------------------------------------------------------------- probe
for f in zero.wav text.wav trunc.mp4 trunc.png anim.gif empty-audio.wav huge.png; do new "probe-$f" "$f"; vk probe "$f"; done
new probe-missing; vk probe gone.mp4
new probe-folder; mkdir "$C/d"; vk probe d
new probe-devnull; vk probe /dev/null
new probe-url; vk probe "http://127.0.0.1:9/x.mp4"
new probe-protocol "song.wav=concat:song.wav"; vk probe "concat:song.wav"
# ---------------------------------------------------------------- analyze
for f in zero.wav silent.wav short.wav empty-audio.wav noaudio.mp4 still.png anim.gif trunc.mp4; do new "analyze-$f" "$f"; vk analyze "$f"; done
for m in notmidi.mid badmidi.mid zero.wav; do new "analyze-midi-$m" "$m"; vk analyze --midi "$m"; done
new analyze-outdir-file song.wav still.png=beats; vk analyze song.wav --out-dir beats
new analyze-plot-xyz song.wav; vk analyze song.wav --plot out.xyz
# ---------------------------------------------------------------- interpolate / retime
new odd-video; ffmpeg -nostdin -v error -f lavfi -i "testsrc2=size=64x48:rate=10:duration=1,scale=63:47" -c:v ffv1 "$C/odd.mkv"
vk interpolate odd.mkv --fps 20 --mode blend -o out.mp4
vk retime odd.mkv --speed 2 --mode nearest -o out.mkv
for f in still.png anim.gif audio.m4a trunc.mp4 zero.wav text.png one.png; do
  new "interpolate-$f" "$f"; vk interpolate "$f" --fps 20 --mode blend -o out.mp4
done
new interpolate-o-xyz clip.mp4; vk interpolate clip.mp4 --fps 20 --mode blend -o out.xyz
new interpolate-o-wav clip.mp4; vk interpolate clip.mp4 --fps 20 --mode blend -o out.wav
new interpolate-o-gif clip.mp4; vk interpolate clip.mp4 --fps 20 --mode blend -o out.gif
new interpolate-o-noext clip.mp4; vk interpolate clip.mp4 --fps 20 --mode blend -o out
new retime-gif anim.gif; vk retime anim.gif --speed 0.5 --mode blend -o out.mp4
new retime-start-past clip.mp4; vk retime clip.mp4 --speed 2 --start 50 -o out.mp4
# ---------------------------------------------------------------- zoom
new zoom-empty-folder song.wav; mkdir "$C/lv"; vk zoom render --levels lv --song song.wav --bpm 120 --size 32x24 -o out.mp4
new zoom-one-level song.wav "still.png=lv/0.png"; vk zoom render --levels lv --song song.wav --bpm 120 --size 32x24 -o out.mp4
new zoom-text-levels song.wav "text.png=lv/0.png" "text.png=lv/1.png"; vk zoom render --levels lv --song song.wav --bpm 120 --size 32x24 -o out.mp4
new zoom-1x1-levels song.wav "one.png=lv/0.png" "one.png=lv/1.png"; vk zoom render --levels lv --song song.wav --factor 2 --bpm 120 --size 32x24 -o out.mp4
new zoom-odd-levels song.wav "odd.png=lv/0.png" "still.png=lv/1.png"; vk zoom render --levels lv --song song.wav --factor 2 --bpm 120 --size 32x24 -o out.mp4
new zoom-odd-size song.wav "still.png=lv/0.png" "still.png=lv/1.png"; vk zoom render --levels lv --song song.wav --factor 2 --bpm 120 --size 33x25 -o out.mp4
new zoom-mixed-kinds song.wav "still.png=lv/0.png" "gray16.png=lv/1.png" "graya.png=lv/2.png" "pal.png=lv/3.png"; vk zoom render --levels lv --song song.wav --factor 2 --bpm 120 --size 32x24 -o out.mp4
new zoom-gif-level song.wav "still.png=lv/0.png" "anim.gif=lv/1.gif"; vk zoom render --levels lv --song song.wav --factor 2 --bpm 120 --size 32x24 -o out.mp4
for s in zero.wav silent.wav noaudio.mp4 still.png; do
  new "zoom-song-$s" "$s" "lv0.png=lv/0.png" "lv1.png=lv/1.png"; vk zoom render --levels lv --song "$s" --factor 2 --size 32x24 -o out.mp4
done
new zoom-o-level song.wav "still.png=lv/0.png" "still.png=lv/1.png"; vk zoom frame --levels lv --factor 2 --at 0 --size 32x24 -o lv/0.png --overwrite
new zoom-o-song song.wav "still.png=lv/0.png" "still.png=lv/1.png"; vk zoom render --levels lv --song song.wav --factor 2 --bpm 120 --size 32x24 -o song.wav --overwrite
# ---------------------------------------------------------------- stitch
new stitch-bad-parts song.wav still.png clip.mp4 text.png; proj "$(std song.wav '{ "image": "still.png", "duration": 2 }')"; vk stitch p.json clip.mp4 text.png -o out.mp4
new stitch-missing-part song.wav still.png; proj "$(std song.wav '{ "image": "still.png", "duration": 2 }')"; vk stitch p.json gone.mp4 -o out.mp4
new stitch-o-part song.wav still.png; proj "$(std song.wav '{ "image": "still.png", "duration": 2 }')"; vk render p.json --segment 1/1 -o part.mp4; vk stitch p.json part.mp4 -o part.mp4 --overwrite
new stitch-audio-bad song.wav still.png text.png; proj "$(std song.wav '{ "image": "still.png", "duration": 2 }')"; vk render p.json --segment 1/1 -o part.mp4; vk stitch p.json part.mp4 --audio text.png -o out.mp4
# ---------------------------------------------------------------- FFmpeg missing / without libass
new ffmpeg-dir-missing song.wav still.png; proj "$(std song.wav '{ "image": "still.png", "duration": 1 }')"; VK_ENV=(VIDEOKIT_FFMPEG_DIR=/nonexistent); vk render p.json -o out.mp4; VK_ENV=()
new ffmpeg-not-on-path song.wav still.png; proj "$(std song.wav '{ "image": "still.png", "duration": 1 }')"; mkdir -p "$C/bin"; VK_ENV=(PATH="$C/bin"); vk render p.json -o out.mp4; VK_ENV=()
new ffmpeg-no-libass song.wav still.png good.lrc; proj "$(std song.wav '{ "image": "still.png", "duration": 3 }' ', "lyrics": "good.lrc", "captions": { "from": "lyrics" }')"
mkdir -p "$C/noass"; ln -s /usr/bin/ffprobe "$C/noass/ffprobe"
cat > "$C/noass/ffmpeg" <<'SH'
#!/bin/bash
# FFmpeg as built without libass: no 'ass' or 'subtitles' filter.
for a in "$@"; do
  case "$a" in -filters) /usr/bin/ffmpeg "$@" | grep -vE ' (ass|subtitles) '; exit ${PIPESTATUS[0]};; esac
  case "$a" in *ass=filename=*) echo "[AVFilterGraph @ 0x5600] No such filter: 'ass'" >&2; echo "Error initializing complex filters." >&2; echo "Invalid argument" >&2; exit 1;; esac
done
exec /usr/bin/ffmpeg "$@"
SH
chmod +x "$C/noass/ffmpeg"; VK_ENV=(VIDEOKIT_FFMPEG_DIR="$C/noass"); vk render p.json -o out.mp4; VK_ENV=()

# ---------------------------------------------------------------- added after the first sweep
new mix-short-song short.wav still.png; proj '{ "song": "short.wav", "duration": 0.05, "output": { "width": 64, "height": 48, "fps": 20, "preset": "ultrafast" }, "items": [ { "image": "still.png", "duration": 0.05 } ], "audio": { "loudness": -14 } }'; vk render p.json -o out.mp4
new mix-tone-song song.wav still.png; proj "$(std song.wav '{ "image": "still.png", "duration": 3 }' ', "audio": { "fadeIn": 0.5 }')"; vk render p.json -o out.mp4
new frame-o-input-overwrite song.wav still.png; proj "$(std song.wav '{ "image": "still.png", "duration": 1 }')"; vk frame p.json --at 0.5 -o still.png --overwrite
new frame-o-exists-overwrite song.wav still.png one.png=out.png; proj "$(std song.wav '{ "image": "still.png", "duration": 1 }')"; vk frame p.json --at 0.5 -o out.png --overwrite
new segment-o-song av.mp4 still.png; proj "$(std av.mp4 '{ "image": "still.png", "duration": 1 }')"; vk render p.json --segment 1/1 -o av.mp4 --overwrite
new segment-o-overlay song.wav still.png clip.mp4; proj "$(std song.wav '{ "image": "still.png", "duration": 2 }' ', "overlays": [ { "video": "clip.mp4", "start": 0, "duration": 1, "rect": { "x": 0.1, "y": 0.1, "width": 0.3 } } ]')"; vk render p.json --segment 1/1 -o clip.mp4 --overwrite
new render-o-overlay song.wav still.png clip.mp4; proj "$(std song.wav '{ "image": "still.png", "duration": 2 }' ', "overlays": [ { "video": "clip.mp4", "start": 0, "duration": 1, "rect": { "x": 0.1, "y": 0.1, "width": 0.3 } } ]')"; vk render p.json -o clip.mp4 --overwrite
new render-o-track song.wav still.png av.mp4; proj "$(std song.wav '{ "image": "still.png", "duration": 3 }' ', "audio": { "tracks": [ { "file": "av.mp4", "start": 0 } ] }')"; vk render p.json --audio -o av.mp4 --overwrite
new zoom-frame-o-xyz "lv0.png=lv/0.png" "lv1.png=lv/1.png"; vk zoom frame --levels lv --factor 2 --at 0 --size 32x24 -o out.xyz
new zoom-odd-level-big song.wav "odd.png=lv/0.png" "odd.png=lv/1.png"; vk zoom frame --levels lv --factor 2 --at 0 --size 32x24 -o out.png
new workers-bad-song still.png; proj '{ "song": "gone.wav", "items": [ { "image": "still.png", "duration": 1 } ] }'; vk render p.json -o out.mp4 --workers 2
new workers-o-wav song.wav still.png; proj "$(std song.wav '{ "image": "still.png", "duration": 1 }')"; vk render p.json -o out.wav --workers 2
new workers-too-many song.wav still.png; proj "$(std song.wav '{ "image": "still.png", "duration": 1 }')"; vk render p.json -o out.mp4 --workers 40
# ---------------------------------------------------------------- Ctrl+C in the middle of the work
# vkint NAME ARGS...: starts the tool as a foreground job would (SIGINT not ignored), waits until a temporary file
# appears in the case folder (or 20 s), sends SIGINT, and records the exit, the time and what was left.
vkint() {
  [[ $NAME =~ $FILTER ]] || return 0
  local t0 t1 rc pid flags="" i
  t0=$(date +%s.%N)
  (cd "$C" && exec /usr/bin/env --default-signal=INT "$DOTNET" "$DLL" "$@" > "$C.out" 2> "$C.err") & pid=$!
  for i in $(seq 1 400); do find "$C" -name '.vk-*' | grep -q . && break; kill -0 $pid 2>/dev/null || break; sleep 0.05; done
  sleep 0.3
  pkill -INT -P $pid 2>/dev/null; kill -INT $pid 2>/dev/null
  wait $pid; rc=$?
  t1=$(date +%s.%N)
  sleep 0.5
  find "$C" -name '.vk-*' | grep -q . && flags+="LEFT "
  for o in "${OUTS[@]}"; do [ -e "$C/$o" ] && flags+="WROTE "; done
  pgrep -f "$C" >/dev/null && flags+="ORPHAN "
  local msg; msg=$(head -c 400 "$C.err" | tr '\n\t' '|  '); msg=${msg//$C\//}; msg=${msg//$C/.}
  printf '%s\t%s\t%.1f\t%s\t%s\n' "$NAME" "$rc" "$(echo "$t1 - $t0" | bc)" "${flags% }" "$msg" | tee -a "$OUT"
}
ffmpeg -nostdin -v error -y -f lavfi -i "testsrc2=size=320x240:rate=25:duration=12" -c:v libx264 -preset ultrafast -pix_fmt yuv420p "$IN/long.mp4"
ffmpeg -nostdin -v error -y -f lavfi -i "sine=f=220:d=12" -ar 44100 "$IN/long.wav"
new int-render long.wav long.mp4; proj '{ "song": "long.wav", "output": { "width": 640, "height": 480, "fps": 25, "preset": "veryslow" }, "items": [ { "video": "long.mp4", "duration": 12 } ] }'; vkint render p.json -o out.mp4
new int-segment long.wav long.mp4; proj '{ "song": "long.wav", "output": { "width": 640, "height": 480, "fps": 25, "preset": "veryslow" }, "items": [ { "video": "long.mp4", "duration": 12 } ] }'; vkint render p.json --segment 1/1 -o out.mp4
new int-interpolate long.mp4; vkint interpolate long.mp4 --fps 50 -o out.mp4
new int-retime long.mp4; vkint retime long.mp4 --speed 0.5 -o out.mp4
new int-zoom long.wav "lv0.png=lv/0.png" "lv1.png=lv/1.png"; vkint zoom render --levels lv --song long.wav --factor 2 --bpm 120 --size 640x480 -o out.mp4
