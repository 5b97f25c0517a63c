#!/usr/bin/env bash
# Installs what AiProd needs besides the .NET SDK: ffmpeg/ffprobe (rendering and QA), a font for captions, and the
# Cloud Storage emulator's Node packages (tests and local runs of src/Assets). Idempotent and quiet when everything is
# already there.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# The Storage emulator (scripts/storage-emulator): npm ci only when node_modules is missing or the lockfile changed
# since the last install (a stamp in node_modules holds the lockfile's hash).
emulator="$here/storage-emulator"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "Please install Node.js 20+ and npm; the Cloud Storage emulator used by the asset tests runs on them." >&2
  exit 1
fi
lock_hash="$(sha256sum "$emulator/package-lock.json" | cut -d' ' -f1)"
stamp="$emulator/node_modules/.aiprod-lock.sha256"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$lock_hash" ]]; then
  echo "Installing the Cloud Storage emulator (firebase-tools, pinned in scripts/storage-emulator)..." >&2
  (cd "$emulator" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  echo "$lock_hash" > "$stamp"
fi

need=()
command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1 || need+=(ffmpeg)
[[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || need+=(fonts-dejavu-core)
[[ ${#need[@]} -eq 0 ]] && exit 0

echo "Installing ${need[*]} (needed for rendering and QA)..." >&2
sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Please install ${need[*]} with your package manager; AiProd needs ffmpeg and ffprobe on PATH." >&2
  exit 1
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
