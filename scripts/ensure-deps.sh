#!/usr/bin/env bash
# Installs what AiProd needs besides the .NET SDK: ffmpeg/ffprobe (rendering and QA) and a font for captions.
# Idempotent and quiet when everything is already there.
set -euo pipefail

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
