#!/usr/bin/env bash
# Makes the hostile inputs of the sweep in $1 (FFmpeg lavfi, ImageMagick for CMYK, printf for non-media files).
set -euo pipefail
D=${1:?folder}
mkdir -p "$D"
cd "$D"
ff() { ffmpeg -nostdin -hide_banner -v error -y "$@"; }
ff -f lavfi -i "sine=f=440:d=3,volume=0.5" -ar 44100 song.wav
ff -f lavfi -i "anullsrc=r=44100:cl=stereo" -t 3 silent.wav
ff -f lavfi -i "anullsrc=r=44100:cl=mono" -t 0.05 short.wav
ff -f lavfi -i "anullsrc=r=44100:cl=mono" -frames:a 0 -t 0 empty-audio.wav || true
: > zero.wav
ff -f lavfi -i "testsrc2=size=64x48:rate=10:duration=2" -c:v libx264 -preset ultrafast -pix_fmt yuv420p clip.mp4
cp clip.mp4 noaudio.mp4
ff -f lavfi -i "testsrc2=size=64x48:rate=10:duration=2" -f lavfi -i "sine=f=330:d=2" -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac -shortest av.mp4
ff -f lavfi -i "sine=f=330:d=2" -c:a aac audio.m4a
ff -f lavfi -i "testsrc2=size=64x48:rate=1" -frames:v 1 still.png
ff -f lavfi -i "testsrc2=size=64x48:rate=1,scale=63:47" -frames:v 1 odd.png   # testsrc2 evens its own size
ff -f lavfi -i "testsrc2=size=64x48:rate=1,scale=1:1" -frames:v 1 one.png
ff -f lavfi -i "color=c=gray:s=9000x9000:r=1" -frames:v 1 huge.png
ff -f lavfi -i "testsrc2=size=64x48:rate=1" -frames:v 1 -pix_fmt gray16be gray16.png
ff -f lavfi -i "testsrc2=size=64x48:rate=1" -frames:v 1 -pix_fmt rgb48be rgb48.png
ff -f lavfi -i "testsrc2=size=64x48:rate=1" -frames:v 1 -pix_fmt rgba64be rgba64.png
ff -f lavfi -i "testsrc2=size=64x48:rate=1" -frames:v 1 -pix_fmt gray gray.png
ff -f lavfi -i "testsrc2=size=64x48:rate=1" -frames:v 1 -pix_fmt ya8 graya.png
ff -f lavfi -i "testsrc2=size=64x48:rate=1" -frames:v 1 -pix_fmt pal8 pal.png
ff -f lavfi -i "testsrc2=size=64x48:rate=1,format=rgba,colorchannelmixer=aa=0.3" -frames:v 1 rgba.png
ff -f lavfi -i "testsrc2=size=64x48:rate=5:duration=2" anim.gif
ff -f lavfi -i "testsrc2=size=64x48:rate=5:duration=2" -plays 0 -f apng anim.apng
ff -f lavfi -i "testsrc2=size=64x48:rate=1" -frames:v 1 still.jpg
head -c 300 still.png > trunc.png
head -c 2000 clip.mp4 > trunc.mp4
printf 'hello, I am not a picture\n' > text.png
printf 'hello, I am not a song\n' > text.wav
printf 'hello, I am not MIDI\n' > notmidi.mid
printf 'MThd\0\0\0\6\0\1\0\1\1\340MTrk\0\0\0\377garbage' > badmidi.mid
: > zero.png
# two zoom levels, the second a 2x zoom-out of the first (centre crops of one picture)
ff -f lavfi -i "mandelbrot=size=256x192:rate=1" -frames:v 1 zoombase.png
ff -i zoombase.png -vf "crop=128:96,scale=128:96" lv0.png
ff -i zoombase.png -vf "scale=128:96" lv1.png
# lyrics
printf '[00:00.50]one\n[00:01.50]two\n[00:02.20]three\n' > good.lrc
printf '[00:00.50]one\n\n\n[00:01.50]\n[00:02.20]three\n\n' > emptylines.lrc
printf '[aa:bb.cc]one\n[00:01.50]two\n' > badts.lrc
printf '[00:99.50]one\n[99:00.00]two\n' > rangets.lrc
printf '[00:02.50]one\n[00:00.50]two\n' > unsorted.lrc
printf '[00:00.50]one\n[05:00.00]far past the end\n' > beyond.lrc
: > empty.lrc
printf '\n\n   \n' > blank.lrc
head -c 400 /dev/urandom > binary.lrc
printf '[00:00.50]{\\b1}bold{\\b0} \\N back\\slash 100%% a:b, [x] ; "q" '"'"'s\n[00:01.50]two\n' > escapes.lrc
printf '1\n00:00:00,500 --> 00:00:01,400\none\n\n2\n00:00:01,500 -> 00:00:02,000\nbad arrow\n' > bad.srt
printf 'WEBVTT\n\n00:00.500 --> 00:01.400\none\n\n00:01.300 --> 00:02.000\noverlap\n' > overlap.vtt
printf '[Script Info]\nScriptType: v4.00+\n[Events]\nFormat: Layer, Start, End, Text\nDialogue: 0,garbage,0:00:01.00,hi\n' > bad.ass
