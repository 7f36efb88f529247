#!/usr/bin/env bash
# make-swing-set.sh OUT_DIR: builds the swing development set (12-bar blues in MMA's swing and shuffle grooves,
# rendered with fluidsynth; beats from the MIDI tempo map) into OUT_DIR (never inside the repository; audio is not
# committed). Layout as beats-extra (NAME.flac, .beats, .downbeats, manifest.tsv, checks.tsv) plus split.tsv.
# See src/VideoKit/Rhythm/JOURNAL.md, "Swing development set".
set -euo pipefail
out=${1:?usage: make-swing-set.sh OUT_DIR}
export DEBIAN_FRONTEND=noninteractive
if ! dpkg -s mma fluidsynth fluid-soundfont-gm musescore-general-soundfont-small python3-mido python3-numpy sox ffmpeg >/dev/null 2>&1; then
  apt-get install -y -q --no-install-recommends mma fluidsynth fluid-soundfont-gm musescore-general-soundfont-small \
    python3-mido python3-numpy sox libsox-fmt-all ffmpeg >/dev/null
fi
/usr/bin/python3 "$(dirname "$0")/make_swing_set.py" "$out"
