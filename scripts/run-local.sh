#!/usr/bin/env bash
# Runs AiProd distributed on this machine: the Pub/Sub, Firestore and Cloud Storage emulators, then the gateway, the
# orchestrator and every worker role as its own process, each with its own log in .local/logs/. Ctrl-C (or SIGTERM)
# stops everything it started, by process id.
#   scripts/run-local.sh                 one process per role, gateway on http://127.0.0.1:8080
#   scripts/run-local.sh --render 3      three render workers (and --qa N, --creative N, --orchestrator N likewise)
#   scripts/run-local.sh --no-build      the Release binaries as they are (built before)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state="$root/.local"
declare -A replicas=([orchestrator]=1 [creative]=1 [financial]=1 [render]=1 [qa]=1 [delivery]=1)
gateway_port=8080
build=true
while [[ $# -gt 0 ]]; do
  case "$1" in
    --orchestrator|--creative|--financial|--render|--qa|--delivery) replicas[${1#--}]="$2"; shift 2 ;;
    --port) gateway_port="$2"; shift 2 ;;
    --no-build) build=false; shift ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "Unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
command -v gcloud >/dev/null || { echo "The Google Cloud SDK (gcloud, with its Pub/Sub and Firestore emulators) is needed." >&2; exit 1; }
"$root/scripts/ensure-deps.sh" --emulators

if $build; then
  echo "Building..." >&2
  dotnet build "$root/AiProd.sln" -c Release --nologo -v q >/dev/null
fi
mkdir -p "$state/logs" "$state/gcs"
pids=()
groups=()
stop() {
  trap - EXIT INT TERM
  echo "Stopping..." >&2
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  for pgid in "${groups[@]}"; do kill -TERM -- "-$pgid" 2>/dev/null || true; done
}
trap stop EXIT INT TERM

# Emulators, each in its own process group so that stopping it takes its java or node children along.
start_group() { # name, command...
  local name=$1; shift
  setsid "$@" >"$state/logs/$name.log" 2>&1 &
  groups+=($!)
}
wait_http() { # name, url
  for _ in $(seq 1 150); do
    curl -fsS -o /dev/null "$2" 2>/dev/null && return 0
    sleep 0.4
  done
  echo "$1 did not answer on $2; see $state/logs/$1.log" >&2
  exit 1
}
start_group pubsub-emulator gcloud beta emulators pubsub start --host-port=127.0.0.1:8085 --quiet
start_group firestore-emulator gcloud emulators firestore start --host-port=127.0.0.1:8086 --quiet
start_group storage-emulator node "$root/scripts/storage-emulator/launch.js" --host 127.0.0.1 --port 9199 --dir "$state/gcs"
wait_http pubsub-emulator http://127.0.0.1:8085/
wait_http firestore-emulator http://127.0.0.1:8086/
wait_http storage-emulator http://127.0.0.1:9199/b

export Bus__Transport=PubSub PubSub__ProjectId=aiprod-local PUBSUB_EMULATOR_HOST=127.0.0.1:8085
export Saga__Store=Firestore Firestore__ProjectId=aiprod-local FIRESTORE_EMULATOR_HOST=127.0.0.1:8086
export Assets__Store=Gcs Assets__Bucket=aiprod-local STORAGE_EMULATOR_HOST=http://127.0.0.1:9199
# The gateway wants a key: an admin bootstrap key for this run (or yours, from AIPROD_KEY).
AIPROD_KEY="${AIPROD_KEY:-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')}"

next_port=8091
start_service() { # name, project dir under src, dll, port
  local name=$1 dll="$root/src/$2/bin/Release/net10.0/$3" port=$4
  mkdir -p "$state/$name"
  (cd "$state/$name" && Assets__CacheRoot="$state/$name/cache" exec dotnet "$dll" --urls "http://127.0.0.1:$port" >"$state/logs/$name.log" 2>&1) &
  pids+=($!)
  printf '  %-14s http://127.0.0.1:%s  log .local/logs/%s.log\n' "$name" "$port" "$name"
}
declare -A project=([orchestrator]="Orchestrator AiProd.Orchestrator.dll" [creative]="Workers/Creative.Service AiProd.Workers.Creative.Service.dll"
  [financial]="Workers/Financial.Service AiProd.Workers.Financial.Service.dll" [render]="Workers/Render.Service AiProd.Workers.Render.Service.dll"
  [qa]="Workers/Qa.Service AiProd.Workers.Qa.Service.dll" [delivery]="Workers/Delivery.Service AiProd.Workers.Delivery.Service.dll")
echo "Services:" >&2
for role in orchestrator creative financial render qa delivery; do
  read -r dir dll <<<"${project[$role]}"
  for i in $(seq 1 "${replicas[$role]}"); do
    start_service "$role-$i" "$dir" "$dll" "$next_port"
    next_port=$((next_port + 1))
  done
done
Auth__BootstrapKey="$AIPROD_KEY" start_service gateway Gateway AiProd.Gateway.dll "$gateway_port"
wait_http gateway "http://127.0.0.1:$gateway_port/health"

cat >&2 <<MSG

AiProd is running as separate processes on the emulators. The gateway's admin key for this run:
  export AIPROD_KEY=$AIPROD_KEY
Try:
  curl -si -X POST http://127.0.0.1:$gateway_port/v1/videos -H "Authorization: Bearer \$AIPROD_KEY" -H 'Content-Type: application/json' -d '{"prompt":"A paper boat drifting down a rainy street","durationSeconds":6}'
  curl -s http://127.0.0.1:$gateway_port/v1/videos/<id> -H "Authorization: Bearer \$AIPROD_KEY"
  aiprod topology --project aiprod-local   # every topic and subscription each role creates and consumes
Ctrl-C stops everything.
MSG
wait -n "${pids[@]}" || true
echo "A service exited; see .local/logs/." >&2
