#!/usr/bin/env bash
# Runs every test (unit, saga harness, ffmpeg integration, end-to-end, every service as its own process); installs what
# the tests need first (ffmpeg, espeak-ng, Node.js and the Storage emulator's packages, kubectl, chromium).
# Extra arguments go to every `dotnet test` (for example --filter "FullyQualifiedName~Gateway").
#
# The solution is built once, then the test projects run in two lanes side by side, whatever number of build nodes
# MSBuild would pick: the deployments of processes (AiProd.Distributed.Tests) mostly wait on ack deadlines, restarts
# and sweeps, so the CPU-heavy projects run beside them. Each lane's lines are prefixed with its name.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
started=$SECONDS
phase() { echo "[test.sh] $(date -u +%H:%M:%S) +$((SECONDS - started))s $*"; }
phase "start on $(nproc) cores"
"$here/scripts/ensure-deps.sh" --emulators --deploy --browser
phase "dependencies ready"

logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
trap 'kill 0' INT TERM # Ctrl-C stops both lanes and their test hosts
if ! dotnet build "$here/AiProd.sln" -c Release --nologo -v quiet 2>&1 | tee "$logs/build"; then
  phase "build failed"
  exit 1
fi
phase "built"

# Lane one: the deployments first (the longest project), then the quick ones. Lane two: everything else, the embedded
# end-to-end tests first. A test project not named here runs in lane two.
lane_one=(AiProd.Distributed.Tests AiProd.Saga.Tests AiProd.SagaStore.Tests AiProd.SagaStore.Firestore.Tests
  AiProd.Transport.PubSub.Tests AiProd.Auth.Tests AiProd.Assets.Tests AiProd.Collaboration.Tests)
lane_two=(AiProd.EndToEnd.Tests AiProd.Deploy.Tests AiProd.Workers.Tests AiProd.Providers.Tests)
for project in "$here"/tests/*/*.Tests.csproj; do
  name="$(basename "$project" .csproj)"
  [[ " ${lane_one[*]} ${lane_two[*]} " == *" $name "* ]] || lane_two+=("$name")
done

run_lane() { # name, projects...
  local lane=$1 failed=0 project
  shift
  for project in "$@"; do
    echo "[test.sh] $(date -u +%H:%M:%S) +$((SECONDS - started))s $project"
    dotnet test "$here/tests/$project/$project.csproj" -c Release --no-build --nologo "${test_args[@]}" || failed=1
  done
  return $failed
}
test_args=("$@")
set +e
run_lane one "${lane_one[@]}" > >(sed -u 's/^/[1] /' | tee "$logs/one") 2>&1 &
one=$!
run_lane two "${lane_two[@]}" > >(sed -u 's/^/[2] /' | tee "$logs/two") 2>&1 &
two=$!
wait $one
status_one=$?
wait $two
status_two=$?
set -e
status=$((status_one || status_two))
sleep 1 # let the prefixing pipes flush
phase "tests ended (exit $status)"
# One closing line for the whole suite, summed over the test projects.
awk '/(Passed|Failed)! +- +Failed: /{gsub(",","");for(i=1;i<=NF;i++){if($i=="Failed:")f+=$(i+1);if($i=="Passed:")p+=$(i+1);if($i=="Skipped:")s+=$(i+1)}} END{printf "tests: %d passed, %d failed, %d skipped\n",p,f,s}' "$logs/one" "$logs/two"
exit "$status"
