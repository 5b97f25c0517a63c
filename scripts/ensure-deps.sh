#!/usr/bin/env bash
# Installs what AiProd needs besides the .NET SDK, quietly and only what is missing:
#   ensure-deps.sh              ffmpeg/ffprobe (rendering and QA), a font for captions and espeak-ng (offline narration):
#                               all that embedded mode needs
#   ensure-deps.sh --emulators  also Node.js and the Cloud Storage emulator's packages (tests, scripts/run-local.sh)
#   ensure-deps.sh --deploy     also Node.js, kubectl and the manifest validator's packages (k8s/validate, the deploy tests)
#   ensure-deps.sh --browser    also Debian's Chromium at /usr/bin/chromium, which the web page's Playwright test drives
#                               (Playwright's own browser download needs the internet; its node driver ships in the NuGet package)
#   ensure-deps.sh --bench      also wrk (Debian's 4.1.0), the HTTP load generator of the bench's gateway case; never on the test path
# The Pub/Sub and Firestore emulators come with the Google Cloud SDK (gcloud), which this script does not install.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
emulators=false
deploy=false
browser=false
bench=false
for arg in "$@"; do
  case "$arg" in
    --emulators) emulators=true ;;
    --deploy) deploy=true ;;
    --browser) browser=true ;;
    --bench) bench=true ;;
    *) echo "Unknown option $arg (use --emulators, --deploy, --browser, --bench)" >&2; exit 2 ;;
  esac
done

need=()
command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1 || need+=(ffmpeg)
[[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || need+=(fonts-dejavu-core)
command -v espeak-ng >/dev/null 2>&1 || need+=(espeak-ng)
if $emulators || $deploy; then
  command -v node >/dev/null 2>&1 || need+=(nodejs)
  command -v npm >/dev/null 2>&1 || need+=(npm)
fi
# kubectl renders the kustomize overlays (kubectl kustomize, offline); the Google Cloud SDK's apt repository has it.
if $deploy; then
  command -v kubectl >/dev/null 2>&1 || need+=(kubectl)
fi

if $browser; then
  [[ -x /usr/bin/chromium ]] || need+=(chromium)
fi

if $bench; then
  command -v wrk >/dev/null 2>&1 || need+=(wrk)
fi

if [[ ${#need[@]} -gt 0 ]]; then
  echo "Installing ${need[*]}..." >&2
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Please install ${need[*]} with your package manager; AiProd needs ffmpeg, ffprobe and espeak-ng on PATH (and Node.js for the Storage emulator)." >&2
    exit 1
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# npm ci in a folder only when node_modules is missing or the lockfile changed since the last install (a stamp in
# node_modules holds the lockfile's hash).
npm_ci() { # folder, what
  local folder=$1 lock_hash stamp
  lock_hash="$(sha256sum "$folder/package-lock.json" | cut -d' ' -f1)"
  stamp="$folder/node_modules/.aiprod-lock.sha256"
  if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$lock_hash" ]]; then
    echo "Installing $2..." >&2
    (cd "$folder" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    echo "$lock_hash" > "$stamp"
  fi
}
# The Storage emulator (scripts/storage-emulator).
$emulators && npm_ci "$here/storage-emulator" "the Cloud Storage emulator (firebase-tools, pinned in scripts/storage-emulator)"
# The manifest validator (k8s/validate): Kubernetes, KEDA and GKE models, yaml, typescript.
$deploy && npm_ci "$here/../k8s/validate" "the manifest validator's packages (pinned in k8s/validate)"
exit 0
