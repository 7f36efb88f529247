#!/usr/bin/env bash
# VideoKit build entry point.
#   ./build.sh demo   install FFmpeg if missing, build, render out/demo.mp4
#   ./build.sh test   install FFmpeg (and the test tools: caption fonts for every script, espeak-ng, melt) if missing, build, run every test (TRX results in artifacts/test-results)
#   ./build.sh pack   build the NuGet packages into artifacts/package
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

ffmpeg_ok() {
  command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1 || return 1
  local v major minor
  v=$(ffmpeg -hide_banner -version | head -n1 | sed -E 's/^ffmpeg version n?([0-9]+)\.([0-9]+).*/\1 \2/')
  read -r major minor <<<"$v"
  [[ "$major" =~ ^[0-9]+$ ]] || return 0   # a git build: assume it is recent
  (( major > 5 || (major == 5 && ${minor:-0} >= 1) ))
}

ensure_ffmpeg() {
  if ffmpeg_ok; then return; fi
  echo "build.sh: FFmpeg 5.1 or newer is missing; installing it with apt-get." >&2
  local sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo"
    else
      echo "build.sh: cannot install FFmpeg without root. Run: sudo apt-get update && sudo apt-get install -y ffmpeg" >&2
      exit 1
    fi
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq ffmpeg >/dev/null
  ffmpeg_ok || { echo "build.sh: the installed FFmpeg is older than 5.1; install a newer one and retry." >&2; exit 1; }
}

# Text is drawn by libass, which takes each character the caption font lacks from any installed font that has it
# (fontconfig). What is checked is coverage, not a family, so a machine that has other fonts for a script keeps them:
#   Noto Sans (the default caption font: Latin, Greek, Cyrillic, Vietnamese) and Arabic, Hebrew, Devanagari, Thai:
#     fonts-noto-core (12 MB download); DejaVu Sans comes with fontconfig itself
#   Chinese, Japanese, Korean: fonts-droid-fallback (1.8 MB; fonts-noto-cjk, 57 MB, looks better and is used when present)
#   emoji: fonts-symbola (1.3 MB, outlines drawn in the text colour; libass cannot draw colour emoji fonts)
# The narrated-story sample speaks with espeak-ng.
ensure_words_tools() {
  local missing=()
  command -v fc-list >/dev/null 2>&1 || missing+=(fontconfig)
  # has_glyphs HEX...: an outline font (libass draws no bitmap fonts) has every one of these characters.
  has_glyphs() { [[ -n $(fc-list ":charset=$*:outline=true" family 2>/dev/null) ]]; }
  fc-list : family 2>/dev/null | grep -q "Noto Sans,\|^Noto Sans$" || missing+=(fonts-noto-core)
  { has_glyphs 0627 && has_glyphs 05d0 && has_glyphs 0915 && has_glyphs 0e01; } || missing+=(fonts-noto-core)
  has_glyphs 4e00 3042 ac00 || missing+=(fonts-droid-fallback)
  has_glyphs 1f3b5 1f600 || missing+=(fonts-symbola)
  command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
  [[ ${#missing[@]} -eq 0 ]] || apt_install "fonts for captions in every script, espeak-ng for the narration sample" $(printf '%s\n' "${missing[@]}" | sort -u)
}

# The export tests render the exported .mlt with MLT's melt and compare it with VideoKit's render.
ensure_test_tools() {
  command -v melt >/dev/null 2>&1 || apt_install "it renders the exported .mlt in the export tests" melt
}

# apt_install REASON PACKAGE...: installs Debian packages, as root or with password-less sudo.
apt_install() {
  local why=$1; shift
  echo "build.sh: installing $* with apt-get ($why)." >&2
  local sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo"
    else
      echo "build.sh: cannot install without root. Run: sudo apt-get install -y $*" >&2
      exit 1
    fi
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

cmd="${1:-test}"
case "$cmd" in
  demo)
    ensure_ffmpeg
    ensure_words_tools
    dotnet build samples/VideoKit.Samples.Demo -c Release -v q -nologo
    mkdir -p out
    dotnet run --no-build -c Release --project samples/VideoKit.Samples.Demo -- out/demo.mp4
    ;;
  test)
    ensure_ffmpeg
    ensure_words_tools
    ensure_test_tools
    rm -rf artifacts/test-results
    dotnet build VideoKit.sln -c Release -v q -nologo
    status=0
    # Unit tests, then integration tests (real FFmpeg); the unit tests run again with SIMD off so the scalar paths are covered.
    dotnet test tests/VideoKit.Tests -c Release --no-build --logger "trx;LogFileName=unit.trx" --results-directory artifacts/test-results || status=1
    DOTNET_EnableHWIntrinsic=0 dotnet test tests/VideoKit.Tests -c Release --no-build --logger "trx;LogFileName=unit-scalar.trx" --results-directory artifacts/test-results || status=1
    dotnet test tests/VideoKit.IntegrationTests -c Release --no-build --logger "trx;LogFileName=integration.trx" --results-directory artifacts/test-results || status=1
    exit $status
    ;;
  pack)
    # A deterministic CI build: normalised paths (/_/) and, from the git remote, a SourceLink map in the .snupkg's PDB.
    # The library is the package VideoKit.Core; versions come from git tags (MinVer).
    if ! git remote get-url origin >/dev/null 2>&1; then
      echo "note: no git remote 'origin': the packages name no repository and the symbols carry no SourceLink map" >&2
    fi
    dotnet pack src/VideoKit -c Release -o artifacts/package -p:ContinuousIntegrationBuild=true
    dotnet pack src/VideoKit.Cli -c Release -o artifacts/package -p:ContinuousIntegrationBuild=true   # the tool: package "videokit"
    ;;
  *)
    echo "usage: ./build.sh demo|test|pack" >&2
    exit 2
    ;;
esac
