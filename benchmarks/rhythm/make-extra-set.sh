#!/usr/bin/env bash
# make-extra-set.sh [OUT_DIR] [KIND...]: builds beats-extra, the independent held-out beat-tracking set (default
# /work/beats-extra; never inside the repository), from Debian 12 packages, the same way as shared/data/beats-dev, with
# pieces that neither shared/data/beats nor beats-dev uses (checked against their manifests: set SHARED_DATA if the
# shared data is not at ../shared/data beside the repository). See src/VideoKit/Rhythm/JOURNAL.md, "Independent check".
set -euo pipefail
out=${1:-/work/beats-extra}
shift || true
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q --no-install-recommends \
  fluidsynth sox libsox-fmt-all ffmpeg python3-mido python3-numpy libopenmpt0 lmms lmms-common hydrogen hydrogen-data \
  fluid-soundfont-gm timgm6mb-soundfont musescore-general-soundfont-small opl3-soundfont csound-soundfont \
  openttd-openmsx simutrans-data freedink-data mma pianobooster planetblupi-music-midi pingus-data biniax2-data \
  tecnoballz-data fretsonfire-songs-muldjord fretsonfire-songs-sectoid >/dev/null
/usr/bin/python3 "$(dirname "$0")/make_extra_set.py" "$out" "$@"
