#!/usr/bin/env bash
# Runs every threadguard rule over the real-world corpus (bench/corpus.txt and bench/corpus-apps.txt, or the lists
# given with --corpus, fetched by fetch-sources.sh) and prints
# the findings per rule and per artifact, checks that nothing crashed (no file that fails to parse, no rule
# exception: console and SARIF notifications), and writes a reproducible sample of findings per rule for checking
# by hand to bench/work/precision-sample.tsv. The numbers in docs/precision.md come from this script.
#
#   bench/precision.sh [--no-install] [--sample N] [--corpus list.txt]...
#
# The plugin is installed into a private local repository, never into the shared one:
#   MAVEN_REPO_LOCAL  the private repository (default: bench/work/m2)
#   MAVEN_REPO_TAIL   a read-only repository consulted after it (default: ~/.m2/repository)
# Needs curl, unzip and jq.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
work="$here/work"
repo_local="${MAVEN_REPO_LOCAL:-$work/m2}"
repo_tail="${MAVEN_REPO_TAIL:-$HOME/.m2/repository}"
install=true
per_rule=15
lists=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-install) install=false ;;
    --sample) per_rule="$2"; shift ;;
    --corpus) lists+=("$2"); shift ;;
    *) echo "usage: $0 [--no-install] [--sample N] [--corpus list.txt]..." >&2; exit 2 ;;
  esac
  shift
done
[ ${#lists[@]} -eq 0 ] && lists=("$here/corpus.txt" "$here/corpus-apps.txt")
artifacts="$(grep -hv '^\s*#' "${lists[@]}" | grep -v '^\s*$' | cut -d: -f2 | sort)"
command -v jq >/dev/null || { echo "precision.sh needs jq" >&2; exit 2; }
repos=(-Dmaven.repo.local="$repo_local" -Dmaven.repo.local.tail="$repo_tail")

"$here/fetch-sources.sh" "${lists[@]}" >/dev/null
if $install; then
  echo "installing threadguard into $repo_local"
  (cd "$root" && ./mvnw -B -q "${repos[@]}" install -DskipTests -Dinvoker.skip)
fi

mkdir -p "$work/logs"
results="$work/precision-results.tsv"
: > "$results"
crashed=0
for artifact in $artifacts; do
  project="$work/sources/$artifact"
  log="$work/logs/$artifact.log"
  sarif="$project/target/threadguard/threadguard.sarif"
  rm -f "$sarif"
  if ! (cd "$root" && ./mvnw -B "${repos[@]}" -f "$project" threadguard:check \
        -Dthreadguard.failOnViolation=false) > "$log" 2>&1; then
    echo "CRASH: the check of $artifact failed, see $log" >&2
    crashed=1
    continue
  fi
  problems="$(grep -c -e '\[parse-error\]' "$log" || true)"
  notifications="$(jq '[.runs[0].invocations[0].toolExecutionNotifications[]] | length' "$sarif")"
  if [ "$problems" != 0 ] || [ "$notifications" != 0 ]; then
    echo "CRASH: $artifact has $problems console problems and $notifications SARIF notifications:" >&2
    grep -e '\[parse-error\]' "$log" | head -5 >&2
    crashed=1
  fi
  jq -r --arg artifact "$artifact" '.runs[0].results[] | [$artifact, .ruleId, .level,
      .locations[0].physicalLocation.artifactLocation.uri, .locations[0].physicalLocation.region.startLine,
      .locations[0].physicalLocation.region.startColumn, .message.text] | @tsv' "$sarif" >> "$results"
done

first="${artifacts%%$'\n'*}"
rules="$(jq -r '.runs[0].tool.driver.rules[].id' "$work/sources/$first/target/threadguard/threadguard.sarif")"
files=0
for a in $artifacts; do files=$((files + $(find "$work/sources/$a/src" -name '*.java' | wc -l))); done
echo
echo "threadguard $(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1) on $files files of $(echo "$artifacts" | wc -w) artifacts"
echo
echo "findings per rule:"
n=0
for rule in $rules; do
  n=$((n + 1))
  printf '  r%-2s %-26s %5s\n' "$n" "$rule" "$(awk -F'\t' -v r="$rule" '$2 == r' "$results" | wc -l)"
done
printf '      %-26s %5s\n' all "$(wc -l < "$results")"
echo
echo "findings per artifact and rule (r1.. as above):"
printf '  %-26s' artifact
n=0
for rule in $rules; do n=$((n + 1)); printf ' %4s' "r$n"; done
echo
for a in $artifacts; do
  printf '  %-26s' "$a"
  for rule in $rules; do
    printf ' %4s' "$(awk -F'\t' -v r="$rule" -v a="$a" '$1 == a && $2 == r' "$results" | wc -l)"
  done
  echo
done

# A reproducible sample: per rule, the findings whose location hashes lowest.
sample="$work/precision-sample.tsv"
printf 'rule\tlevel\tlocation\tmessage\n' > "$sample"
for rule in $rules; do
  awk -F'\t' -v r="$rule" '$2 == r' "$results" | while IFS=$'\t' read -r artifact id level uri line column message; do
    printf '%s\t%s\t%s\t%s:%s:%s\t%s\n' "$(printf '%s' "$uri:$line:$column" | sha1sum | cut -c1-12)" "$id" \
      "$level" "$uri" "$line" "$column" "$message"
  done | sort | awk -v n="$per_rule" 'NR <= n' | cut -f2- >> "$sample"
done
echo
echo "sample of up to $per_rule findings per rule: $sample"
if [ "$crashed" != 0 ]; then
  echo "FAILED: some projects crashed or did not parse" >&2
  exit 1
fi
echo "no crashes: every file parsed and every rule ran"
