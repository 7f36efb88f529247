#!/usr/bin/env bash
# Declares every new public symbol of src/VideoKit in PublicAPI.Unshipped.txt (RS0016) and drops removed ones (RS0017).
# Run it after changing the public API, review the diff, commit it with the change.
set -euo pipefail
cd "$(dirname "$0")/.."
api=src/VideoKit/PublicAPI.Unshipped.txt
log=$(mktemp)
dotnet build src/VideoKit/VideoKit.csproj --no-incremental -p:TreatWarningsAsErrors=false -clp:NoSummary >"$log" 2>&1 || true
python3 - "$log" "$api" <<'PY'
import re, sys
log, api = sys.argv[1], sys.argv[2]
text = open(log, encoding="utf-8").read()
added = set(re.findall(r"RS0016: Symbol '(.+?)' is not part of the declared public API", text))
removed = set(re.findall(r"RS0017: Symbol '(.+?)' is part of the declared API, but is either not public or could not be found", text))
lines = [l.rstrip("\n") for l in open(api, encoding="utf-8")]
header = [l for l in lines if l.startswith("#")] or ["#nullable enable"]
body = {l for l in lines if l and not l.startswith("#")}
body = (body | added) - removed
open(api, "w", encoding="utf-8").write("\n".join(header + sorted(body, key=str.lower)) + "\n")
print(f"public API: +{len(added)} -{len(removed)}")
PY
rm -f "$log"
