#!/usr/bin/env bash
# speed-installed.sh [REPEATS]: CPU-seconds per minute of audio of `videokit analyze` as a user runs it, that is the tool
# installed with `dotnet tool install` (this platform's ReadyToRun package), next to the build output in the same run.
# Packs the tool for this platform into a scratch folder, installs it there, then runs the rhythm-speed benchmark on both.
set -euo pipefail
cd "$(dirname "$0")/../.."
repeats=${1:-4}
dir=$(mktemp -d /tmp/videokit-tool-speed-XXXX)
trap 'rm -rf "$dir"' EXIT
rid=$(dotnet --info | awk '/^ *RID:/ {print $2; exit}')
dotnet pack src/VideoKit.Cli -c Release -o "$dir/feed" -nologo -v q "-p:ToolPackageRuntimeIdentifiers=\"$rid;any\"" >/dev/null
version=$(ls "$dir/feed" | sed -n 's/^videokit\.\([0-9].*\)\.nupkg$/\1/p')
DOTNET_CLI_HOME="$dir/home" dotnet tool install videokit --tool-path "$dir/tool" --add-source "$dir/feed" --version "$version" >/dev/null
dotnet build benchmarks/VideoKit.Benchmarks -c Release -v q -nologo >/dev/null
for cli in "$dir/tool/videokit" artifacts/bin/VideoKit.Cli/release/videokit; do
  echo "== $cli (load average $(cut -d' ' -f1 /proc/loadavg))"
  dotnet run -c Release --no-build --project benchmarks/VideoKit.Benchmarks -- rhythm-speed "$repeats" --cli "$cli"
done
