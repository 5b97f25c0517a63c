#!/usr/bin/env bash
# Publishes every deployable exactly as its image does, without Docker: for each src/**/Dockerfile it runs that file's
# `dotnet publish` line (same project, same -p: properties) into OUT/<image>/ and checks that the ENTRYPOINT exists.
#   scripts/publish-all.sh [--out DIR] [--no-build]
#     --out DIR    where to publish (default .local/publish); OUT/<image>/ is emptied first
#     --no-build   reuse the Release build of projects published with the default properties (after `dotnet build
#                  -c Release` or `dotnet test -c Release`; the deploy tests do this)
# A Dockerfile whose publish line sets -p: properties (the gateway's -p:AiProdEmbedded=false) is built in a folder of
# its own (--artifacts-path), so the Release build under src/ (the embedded gateway the other tests run) is untouched.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/.local/publish"
no_build=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --no-build) no_build=true; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "Unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
out="$(cd "$out" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mapfile -t dockerfiles < <(cd "$root" && find src -name Dockerfile -type f | sort)
[[ ${#dockerfiles[@]} -gt 0 ]] || { echo "No Dockerfile under src/." >&2; exit 1; }
total_start=$SECONDS
for dockerfile in "${dockerfiles[@]}"; do
  image="$(grep -oE 'docker build -f [^ ]+ -t [^ ]+' "$root/$dockerfile" | awk '{print $NF}' | head -1)"
  publish="$(grep -oE 'dotnet publish .*' "$root/$dockerfile" | head -1)"
  entrypoint="$(grep -oE '^ENTRYPOINT \["\./[^"]+"' "$root/$dockerfile" | sed -E 's/.*"\.\/([^"]+)"/\1/')"
  if [[ -z "$image" || -z "$publish" || -z "$entrypoint" ]]; then
    echo "$dockerfile: needs a 'docker build -f … -t <image>' comment, a 'dotnet publish' line and ENTRYPOINT [\"./<app>\"]." >&2
    exit 1
  fi
  read -r -a words <<<"${publish#dotnet publish }"
  project="${words[0]}"
  props=()
  for word in "${words[@]:1}"; do [[ "$word" == -p:* ]] && props+=("$word"); done
  args=(publish "$root/$project" -c Release --nologo -v q -o "$out/$image")
  if [[ ${#props[@]} -gt 0 ]]; then
    args+=("${props[@]}" --artifacts-path "$work/$image")
  elif $no_build; then
    args+=(--no-build)
  fi
  rm -rf "${out:?}/$image"
  start=$SECONDS
  if ! log="$(dotnet "${args[@]}" 2>&1)"; then
    echo "$log" >&2
    echo "$dockerfile: dotnet ${args[*]} failed." >&2
    exit 1
  fi
  [[ -x "$out/$image/$entrypoint" && -f "$out/$image/$entrypoint.dll" ]] || {
    echo "$dockerfile: ENTRYPOINT ./$entrypoint is not in the published folder $out/$image." >&2
    exit 1
  }
  printf '%-17s %s%s -> %s (%s files, %s) in %ss\n' "$image" "$project" "${props[*]:+ ${props[*]}}" "$out/$image" \
    "$(find "$out/$image" -type f | wc -l)" "$(du -sh "$out/$image" | cut -f1)" "$((SECONDS - start))"
done
echo "published ${#dockerfiles[@]} deployables in $((SECONDS - total_start))s"
