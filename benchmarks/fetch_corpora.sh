#!/usr/bin/env bash
# Fetch the pinned real-world corpora used by benchmarks and large tests.
# Usage: fetch_corpora.sh [DEST [NAME...]]
#   DEST defaults to $GRAPHWARDEN_CORPORA or ~/.cache/graphwarden-corpora;
#   NAMEs pick corpora (default: all six).
# Idempotent: a corpus already unpacked is left as it is. Needs the PyPI and
# npm registries (pip download, npm pack), nothing else.
#
#   django    Django 5.2 source distribution: 2,818 .py files, 488k lines (Python)
#   flask     Flask 3.1.0 source distribution (small Python project)
#   webpack   webpack 5.97.1 npm package, lib/: 555 .js files, 134k lines (CommonJS)
#   rxjs      rxjs 7.8.1 npm package, src/: 251 .ts files (TypeScript, ES modules)
#   httpx     httpx 0.28.1 source distribution (annotated Python: the definition
#             accuracy benchmark's extra Python project)
#   query-core @tanstack/query-core 5.59.0 npm package, src/ (TypeScript classes with
#             typed and #private fields: the accuracy benchmark's extra TS project)
set -euo pipefail
dest=${1:-${GRAPHWARDEN_CORPORA:-$HOME/.cache/graphwarden-corpora}}
mkdir -p "$dest"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pypi_sdist() { # name version dirname
  local name=$1 version=$2 dir=$3
  [ -d "$dest/$dir" ] && return 0
  python3 -m pip download -q --no-deps --no-binary :all: -d "$tmp" "$name==$version" >/dev/null
  tar xzf "$tmp"/*"$version".tar.gz -C "$tmp"
  mv "$tmp"/*-"$version" "$dest/$dir"
  rm -f "$tmp"/*.tar.gz
}

npm_pkg() { # spec dirname
  local spec=$1 dir=$2
  [ -d "$dest/$dir" ] && return 0
  (cd "$tmp" && npm pack --silent "$spec" >/dev/null)
  mkdir -p "$dest/$dir"
  tar xzf "$tmp"/*.tgz -C "$dest/$dir" --strip-components=1
  rm -f "$tmp"/*.tgz
}

shift || true
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(django flask webpack rxjs httpx query-core)
for name in "${names[@]}"; do
  case "$name" in
    django) pypi_sdist Django 5.2 django ;;
    flask) pypi_sdist flask 3.1.0 flask ;;
    webpack) npm_pkg webpack@5.97.1 webpack ;;
    rxjs) npm_pkg rxjs@7.8.1 rxjs ;;
    httpx) pypi_sdist httpx 0.28.1 httpx ;;
    query-core) npm_pkg @tanstack/query-core@5.59.0 query-core ;;
    *) echo "unknown corpus: $name (known: django flask webpack rxjs httpx query-core)" >&2; exit 2 ;;
  esac
done

for d in "${names[@]}"; do
  n=$(find "$dest/$d" -type f \( -name '*.py' -o -name '*.js' -o -name '*.ts' \) | wc -l)
  echo "$d: $n source files in $dest/$d"
done
