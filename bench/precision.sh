#!/usr/bin/env bash
# Runs every threadguard rule over one half of the precision corpus (bench/corpus-split.sh decides which artifact is
# in which half), fetched by fetch-sources.sh, and
# - prints the findings per rule and per artifact, and checks that nothing crashed (no file that fails to parse, no
#   rule exception: console and SARIF notifications);
# - writes every finding, one file per rule, to bench/work/precision/<half>/findings/<rule>.tsv;
# - draws a reproducible pseudo-random sample of up to N findings per rule (per rule, level and kind, for a rule whose
#   findings come at several levels or kinds) for judging by hand: the findings whose
#   SHA-1 of "<seed> <artifact> <file>:<line>:<column>" is lowest, so the same code and seed give the same sample
#   (sample.tsv), with the code around each finding (sample.txt).
# The numbers in docs/precision.md come from this script.
#
#   bench/precision.sh --half tuning|held-out [--no-install] [--sample N] [--seed S] [--resample]
#   bench/precision.sh --corpus list.txt... [--no-install] [--sample N] [--seed S]    (any list, output in "custom")
#
# --resample draws the sample again from the findings of the last run, without analysing anything.
#
# The plugin is installed into a private local repository, never into the shared one:
#   MAVEN_REPO_LOCAL  the private repository (default: bench/work/m2)
#   MAVEN_REPO_TAIL   a read-only repository consulted after it (default: ~/.m2/repository)
#   GITHUB_MIRRORS    passed on to fetch-sources.sh (whole projects from local bare mirrors)
# Needs curl, unzip, git and jq.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
work="$here/work"
repo_local="${MAVEN_REPO_LOCAL:-$work/m2}"
repo_tail="${MAVEN_REPO_TAIL:-$HOME/.m2/repository}"
install=true
per_rule=20
seed=11
half=""
lists=()
resample=false
usage="usage: $0 --half tuning|held-out | --corpus list.txt... [--no-install] [--sample N] [--seed S] [--resample]"
while [ $# -gt 0 ]; do
  case "$1" in
    --no-install) install=false ;;
    --resample) resample=true; install=false ;;
    --sample) per_rule="$2"; shift ;;
    --seed) seed="$2"; shift ;;
    --half) half="$2"; shift ;;
    --corpus) lists+=("$2"); shift ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
  shift
done
command -v jq >/dev/null || { echo "precision.sh needs jq" >&2; exit 2; }
mkdir -p "$work"
if [ -n "$half" ]; then
  [ ${#lists[@]} -eq 0 ] || { echo "$usage" >&2; exit 2; }
  case "$half" in tuning|held-out) ;; *) echo "$usage" >&2; exit 2 ;; esac
  list="$work/corpus-$half.txt"
  "$here/corpus-split.sh" "$half" | cut -f2 > "$list"
  lists=("$list")
  out="$work/precision/$half"
else
  [ ${#lists[@]} -gt 0 ] || { echo "$usage" >&2; exit 2; }
  out="$work/precision/custom"
fi
artifacts="$(grep -hv '^\s*#' "${lists[@]}" | grep -v '^\s*$' \
  | sed -e 's/^github:[^/]*\/\([^@]*\)@.*/\1/' -e 's/^[^:]*:\([^:]*\):.*/\1/' | sort)"
repos=(-Dmaven.repo.local="$repo_local" -Dmaven.repo.local.tail="$repo_tail")

results="$out/findings.tsv"
crashed=0
if $resample; then
  [ -f "$results" ] || { echo "no findings to sample again in $out: run without --resample first" >&2; exit 2; }
else
"$here/fetch-sources.sh" "${lists[@]}" >/dev/null
if $install; then
  echo "installing threadguard into $repo_local"
  (cd "$root" && ./mvnw -B -q "${repos[@]}" install -DskipTests -Dinvoker.skip)
fi

rm -rf "$out" && mkdir -p "$out/logs" "$out/findings"
: > "$results"
for artifact in $artifacts; do
  project="$work/sources/$artifact"
  log="$out/logs/$artifact.log"
  sarif="$project/target/threadguard/threadguard.sarif"
  rm -rf "$project/target/threadguard"
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
  # SARIF locations are relative to the directory Maven ran in ($root): make them relative to the artifact
  # the level column carries ignored-future's kind too (its kinds are measured apart, and may share a level)
  jq -r --arg artifact "$artifact" --arg prefix "${project#"$root"/}/" '.runs[0].results[] | [$artifact, .ruleId,
      .level + (if .ruleId != "ignored-future" then ""
                elif (.message.text | startswith("The `ScheduledFuture`")) then "/schedule" else "/submit" end),
      (.locations[0].physicalLocation.artifactLocation.uri | ltrimstr($prefix)),
      .locations[0].physicalLocation.region.startLine,
      .locations[0].physicalLocation.region.startColumn, .message.text] | @tsv' "$sarif" >> "$results"
  [ -f "$out/rules.txt" ] || jq -r '.runs[0].tool.driver.rules[].id' "$sarif" > "$out/rules.txt"
done
rules="$(cat "$out/rules.txt")"
for rule in $rules; do
  awk -F'\t' -v r="$rule" '$2 == r' "$results" > "$out/findings/$rule.tsv"
done

files=0
lines=0
for a in $artifacts; do
  files=$((files + $(find "$work/sources/$a/src" -name '*.java' | wc -l)))
  lines=$((lines + $(find "$work/sources/$a/src" -name '*.java' -print0 | xargs -0 cat | wc -l)))
done
{
  echo "threadguard $(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)" \
    "(commit $(git -C "$root" rev-parse --short HEAD)) on ${half:-custom}: $files files, $lines lines," \
    "$(echo "$artifacts" | wc -w) artifacts"
  echo
  echo "findings per rule:"
  n=0
  for rule in $rules; do
    n=$((n + 1))
    printf '  r%-2s %-26s %5s\n' "$n" "$rule" "$(wc -l < "$out/findings/$rule.tsv")"
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
      printf ' %4s' "$(awk -F'\t' -v a="$a" '$1 == a' "$out/findings/$rule.tsv" | wc -l)"
    done
    echo
  done
  # a sources jar may hold its tree twice (the same bytes under two paths), or a class again for a later Java
  # (a multi-release jar's META-INF/versions/N/ copy, which differs a little): their findings count twice, say so
  for a in $artifacts; do
    (cd "$work/sources/$a" && find src -name '*.java' -print0 | xargs -0 -r sha1sum) \
      | awk -v a="$a" '{ hash[$2] = $1; copies[$1]++ } END { for (p in hash) if (copies[hash[p]] > 1) print a "\t" p }'
    if [ -d "$work/sources/$a/src/META-INF/versions" ]; then
      (cd "$work/sources/$a" && find src/META-INF/versions -name '*.java') | while read -r copy; do
        base="src/${copy#src/META-INF/versions/*/}"
        if [ -f "$work/sources/$a/$base" ]; then printf '%s\t%s\n%s\t%s\n' "$a" "$copy" "$a" "$base"; fi
      done
    fi
  done | sort -u > "$out/twins.tsv"
  twinned="$(awk -F'\t' 'NR == FNR { twin[$1 FS $2] = 1; next } ($1 FS $4) in twin' "$out/twins.tsv" "$results" \
    | wc -l)"
  if [ "$twinned" != 0 ]; then
    echo
    echo "note: $twinned findings are in files the same artifact holds at another path too (the same bytes, or a" \
      "multi-release copy under META-INF/versions), so they count more than once (the files: $out/twins.tsv)"
  fi
} | tee "$out/summary.txt"

fi
rules="$(cat "$out/rules.txt")"

# The sample: per rule, the findings whose keyed hash is lowest.
sample="$out/sample.tsv"
context="$out/sample.txt"
printf 'rule\tartifact\tlocation\tlevel\tmessage\n' > "$sample"
: > "$context"
for rule in $rules; do
  # a rule whose findings come at several levels, or of several kinds measured apart (ignored-future's schedule*
  # and submit), is sampled per level and kind
  for kind in $(cut -f3 "$out/findings/$rule.tsv" | sort -u); do
    awk -F'\t' -v level="$kind" '$3 == level' "$out/findings/$rule.tsv" \
      | while IFS=$'\t' read -r artifact id level uri line column message; do
      printf '%s\t%s\t%s\t%s:%s:%s\t%s\t%s\n' \
        "$(printf '%s %s %s:%s:%s' "$seed" "$artifact" "$uri" "$line" "$column" | sha1sum | cut -c1-16)" \
        "$id" "$artifact" "$uri" "$line" "$column" "$level" "$message"
    done | sort | awk -v n="$per_rule" 'NR <= n' | cut -f2- >> "$sample"
  done
done
n=0
tail -n +2 "$sample" | while IFS=$'\t' read -r rule artifact location level message; do
  n=$((n + 1))
  file="${location%:*}"; line="${file##*:}"; file="${file%:*}"
  {
    echo "=== $n $rule $artifact $location"
    echo "    $level: $message"
    awk -v l="$line" 'NR >= l - 8 && NR <= l + 6 { printf "%s%6d  %s\n", (NR == l ? ">" : " "), NR, $0 }' \
      "$work/sources/$artifact/$file"
    echo
  } >> "$context"
done
echo
echo "sample of up to $per_rule findings per rule (seed $seed): $sample, with the code around each in $context"
if [ "$crashed" != 0 ]; then
  echo "FAILED: some projects crashed or did not parse" >&2
  exit 1
fi
echo "no crashes: every file parsed and every rule ran"
