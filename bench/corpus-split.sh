#!/usr/bin/env bash
# Splits the precision corpus by artifact into a tuning half and a held-out half, and prints one line per entry:
#
#   <half> TAB <entry> TAB <directory under bench/work/sources>
#
#   bench/corpus-split.sh [tuning|held-out]      (only that half)
#
# The rule, fixed before any finding of the new artifacts was looked at (docs/precision.md):
# - corpus.txt and corpus-apps.txt are the corpora the rules were first tuned on: tuning half;
# - corpus-servers.txt: the project key is the groupId of a Maven entry, owner/name of a github: entry. A key
#   that is a groupId of corpus.txt or corpus-apps.txt is in the tuning half (same project, same authors);
#   any other key is in the tuning half when the first hex digit of the SHA-256 of the key is 0-4, else held-out;
# - corpus-fresh.txt, corpus-fresh2.txt, corpus-fresh3.txt, corpus-fresh4.txt, corpus-fresh5.txt, corpus-fresh6.txt,
#   corpus-fresh7.txt, corpus-fresh8.txt, corpus-fresh9.txt, corpus-fresh10.txt and corpus-fresh11.txt (if present)
#   hold artifacts added after a held-out measurement, to measure again on code nobody looked at: all held-out.
# Hashing the project key rather than the artifact keeps the artifacts of one project in one half.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
want="${1:-}"
case "$want" in ''|tuning|held-out) ;; *) echo "usage: $0 [tuning|held-out]" >&2; exit 2 ;; esac

entries() { grep -hv '^\s*#' "$@" 2>/dev/null | grep -v '^\s*$' || true; }
tuned_groups="$(entries "$here/corpus.txt" "$here/corpus-apps.txt" | cut -d: -f1 | sort -u)"

directory() {
  case "$1" in
    github:*) local name="${1#github:}"; name="${name%%@*}"; echo "${name#*/}" ;;
    *) echo "$1" | cut -d: -f2 ;;
  esac
}

split() {
  local source="$1" entry key half
  while read -r entry; do
    case "$source" in
      tuned) half=tuning ;;
      fresh) half=held-out ;;
      servers)
        case "$entry" in
          github:*) key="${entry#github:}"; key="${key%%@*}" ;;
          *) key="${entry%%:*}" ;;
        esac
        if grep -qxF "$key" <<<"$tuned_groups"; then
          half=tuning
        else
          case "$(printf '%s' "$key" | sha256sum | cut -c1)" in
            [0-4]) half=tuning ;;
            *) half=held-out ;;
          esac
        fi ;;
    esac
    printf '%s\t%s\t%s\n' "$half" "$entry" "$(directory "$entry")"
  done
}

all="$( { entries "$here/corpus.txt" "$here/corpus-apps.txt" | split tuned
          entries "$here/corpus-servers.txt" | split servers
          entries "$here/corpus-fresh.txt" "$here/corpus-fresh2.txt" "$here/corpus-fresh3.txt" \
            "$here/corpus-fresh4.txt" "$here/corpus-fresh5.txt" "$here/corpus-fresh6.txt" \
            "$here/corpus-fresh7.txt" "$here/corpus-fresh8.txt" "$here/corpus-fresh9.txt" \
            "$here/corpus-fresh10.txt" "$here/corpus-fresh11.txt" | split fresh; } )"
duplicates="$(cut -f3 <<<"$all" | sort | uniq -d)"
if [ -n "$duplicates" ]; then
  echo "two corpus entries unpack into the same directory: $duplicates" >&2
  exit 1
fi
if [ -n "$want" ]; then
  awk -F'\t' -v half="$want" '$1 == half' <<<"$all"
else
  printf '%s\n' "$all"
fi
