#!/usr/bin/env bash
# Times threadguard:check on the 1.5M-line corpus of bench/corpus.txt against the parse floor and PMD 7.
#
#   bench/check-speed.sh            fetch what is missing, build, measure, print figures and ratios
#
# Measured in one run, on this machine, with the same number of threads for every tool (THREADS, default: the
# number of processors), each RUNS times (default 3), reporting the median:
#   cold       mvn threadguard:check with no analysis cache, whole Maven process included
#   warm       the same again, nothing changed
#   cold-1t    cold on one thread (what parallel parsing buys)
#   cold-all   cold with -Dthreadguard.prefilter=false: every file parsed (what the prefilter buys)
#   parse      a parse-only pass of javaparser over the same files (bench/ParseOnly.java), JVM start included
#   pmd        PMD 7's category/java/multithreading.xml over the same files, JVM start included
# Maven runs with -Xmx1g: a successful run proves the heap stayed under 1 GiB. It also re-proves on the whole
# corpus that skipping irrelevant files changes no finding (CorpusTest with -Dthreadguard.corpus).
# Sources are fetched from Maven Central into bench/work (git-ignored), never committed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
work="$here/work"
threads="${THREADS:-$(nproc)}"
repo="$work/m2"
# threadguard is built into a repository of the benchmark's own (reading the user's as a tail); the measured
# runs use that repository alone, as a project's build would, since a chained repository slows Maven's start
mvn=("$root/mvnw" -B -ntp -Dmaven.repo.local="$repo" -Dmaven.repo.local.tail="$HOME/.m2/repository")
mvn_alone=("$root/mvnw" -B -ntp -Dmaven.repo.local="$repo")

"$here/fetch-sources.sh" >/dev/null
corpus="$work/all"
if [ ! -f "$corpus/pom.xml" ]; then
  mkdir -p "$corpus/src"
  for source in "$work"/sources/*/; do
    artifact="$(basename "$source")"
    [ -d "$corpus/src/$artifact" ] || cp -al "$source/src" "$corpus/src/$artifact"
  done
  sed -e '0,/<artifactId>[^<]*<\/artifactId>/s//<artifactId>corpus<\/artifactId>/' \
      "$work/sources/guava/pom.xml" > "$corpus/pom.xml"
fi
files=$(find "$corpus/src" -name '*.java' | wc -l)
lines=$(find "$corpus/src" -name '*.java' -print0 | xargs -0 cat | wc -l)

echo "building threadguard into $repo ..."
(cd "$root" && "${mvn[@]}" -q install -DskipTests)
if [ ! -d "$work/pmd/lib" ]; then
  echo "resolving PMD ..."
  (cd "$root" && "${mvn[@]}" -q -f bench/pmd/pom.xml dependency:copy-dependencies -DoutputDirectory="$work/pmd/lib")
fi
javaparser=$(find "$repo" "$HOME/.m2/repository" -name 'javaparser-core-3.28*.jar' ! -name '*sources*' 2>/dev/null | head -1)

runs="${RUNS:-3}"
measure() { # name command...: runs it RUNS times (cold runs first drop the analysis cache), prints the median
  local name=$1; shift
  local times=()
  local rss=0
  for ((run = 0; run < runs; run++)); do
    [ "$name" != warm ] && rm -f "$corpus/target/threadguard/analysis.cache"
    /usr/bin/time -f "%e %M" -o "$work/time-$name.txt" "$@" >"$work/out-$name.txt" 2>&1 || true
    read -r seconds kib < <(tail -1 "$work/time-$name.txt")
    times+=("$seconds")
    [ "$kib" -gt "$rss" ] && rss=$kib
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}')
  printf '%-8s %7.2f s  (runs: %s)  peak RSS %5d MiB\n' "$name" "$median" "${times[*]}" $((rss / 1024)) >&2
  echo "$median"
}

check=(env MAVEN_OPTS="-Xmx1g" "${mvn_alone[@]}" -f "$corpus/pom.xml" threadguard:check
       -Dthreadguard.failOnViolation=false -Dthreadguard.threads="$threads")
# one run that is not measured, so that every measured run finds the files in the OS cache (and the benchmark's
# repository has everything the plugin needs)
"${check[@]}" >/dev/null 2>&1 || true
rm -f "$corpus/target/threadguard/analysis.cache"
echo "corpus: $files files, $lines lines; $threads threads; $(nproc) processors" >&2
cold=$(measure cold "${check[@]}")
grep -h "threadguard: " "$work/out-cold.txt" >&2 || { cat "$work/out-cold.txt" >&2; exit 1; }
warm=$(measure warm "${check[@]}")
measure cold-1t "${check[@]}" -Dthreadguard.threads=1 >/dev/null
measure cold-all "${check[@]}" -Dthreadguard.prefilter=false >/dev/null
grep -h "threadguard: " "$work/out-cold-all.txt" >&2
parse=$(measure parse java -cp "$javaparser" "$here/ParseOnly.java" "$corpus/src" "$threads" JAVA_21)
grep -h "parse-only" "$work/out-parse.txt" >&2
pmd=$(measure pmd java -Xmx2g -cp "$work/pmd/lib/*" net.sourceforge.pmd.cli.PmdCli check --no-cache --no-progress \
      -t "$threads" -R category/java/multithreading.xml -d "$corpus/src" -f text --use-version java-21 \
      -r "$work/pmd-report.txt")
echo "pmd: $(wc -l < "$work/pmd-report.txt") violations" >&2

awk -v cold="$cold" -v warm="$warm" -v parse="$parse" -v pmd="$pmd" 'BEGIN {
  printf "ratios: cold/pmd %.2f (target <= 0.30)   warm/cold %.2f (target <= 0.25)   cold/parse-only %.2f\n",
         cold / pmd, warm / cold, cold / parse }' >&2

echo "proving on the whole corpus that the prefilter changes no finding ..." >&2
(cd "$root" && "${mvn[@]}" -q -pl rules surefire:test -Dtest=CorpusTest -Dthreadguard.corpus="$corpus/src" \
  -Dsurefire.failIfNoSpecifiedTests=false) && echo "prefilter: same findings with and without it" >&2
