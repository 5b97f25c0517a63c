#!/usr/bin/env bash
# Runs every test (unit, saga harness, ffmpeg integration, end-to-end); installs ffmpeg first if it is missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$here/scripts/ensure-deps.sh" --emulators --deploy --browser
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
dotnet test "$here/AiProd.sln" -c Release --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line for the whole suite, summed over the test projects.
awk '/(Passed|Failed)! +- +Failed: /{gsub(",","");for(i=1;i<=NF;i++){if($i=="Failed:")f+=$(i+1);if($i=="Passed:")p+=$(i+1);if($i=="Skipped:")s+=$(i+1)}} END{printf "tests: %d passed, %d failed, %d skipped\n",p,f,s}' "$log"
exit "$status"
