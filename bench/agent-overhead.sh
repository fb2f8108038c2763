#!/usr/bin/env bash
# Measures the agent's overhead: wall time of a CPU-bound sample and a thread-churn sample, with and without
# -javaagent, several repetitions each, interleaved; prints the medians and their ratio.
# Not a timed test: run it by hand on a quiet machine.
#
#   bench/agent-overhead.sh [repetitions]        (JAVA_HOME picks the JDK; default: java on the PATH)
#
# Targets (issue 4): ratio <= 1.03 for the CPU-bound sample, <= 1.15 for thread churn. The "startup" line is the
# fixed cost at JVM start (mostly JFR initialising), which the two ~10 s samples include.
set -euo pipefail
cd "$(dirname "$0")/.."

REPS="${1:-5}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAVAC="${JAVA_HOME:+$JAVA_HOME/bin/}javac"
WORK=bench/work/overhead
CPU_ROUNDS="${CPU_ROUNDS:-100000000}"  # 10 to 20 s on 2 cores
CHURN_THREADS="${CHURN_THREADS:-100000}" # 10 to 20 s on 2 cores

AGENT=$(ls agent/target/threadguard-agent-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [[ -z "$AGENT" ]]; then
  echo "building the agent jar (./mvnw -pl agent -am package -DskipTests)..." >&2
  ./mvnw -q -B -pl agent -am package -DskipTests
  AGENT=$(ls agent/target/threadguard-agent-*.jar | grep -v original | head -1)
fi

mkdir -p "$WORK/classes"
printf '<?xml version="1.0" encoding="UTF-8"?>\n<configuration version="2.0"/>\n' > "$WORK/empty.jfc"
"$JAVAC" -d "$WORK/classes" bench/overhead/*.java

# wall time of one JVM run in milliseconds; with GNU time, the CPU time (user + sys) goes to $WORK/cpu
run_ms() {
  local start end
  start=$(date +%s%N)
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -o "$WORK/cpu.one" -f "%U %S" "$JAVA" "$@" > /dev/null
    awk '{ printf "%d\n", ($1 + $2) * 1000 }' "$WORK/cpu.one" >> "$WORK/cpu.$CURRENT"
  else
    "$JAVA" "$@" > /dev/null
  fi
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

median() {
  sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'
}

measure() {
  local name="$1"; shift
  local plain=() guarded=() floor=()
  CURRENT=warm run_ms -cp "$WORK/classes" "$@" > /dev/null # warm the file cache
  rm -f "$WORK"/cpu.*
  for ((i = 1; i <= REPS; i++)); do
    CURRENT=plain; plain+=("$(run_ms -cp "$WORK/classes" "$@")")
    CURRENT=agent; guarded+=("$(run_ms "-javaagent:$AGENT=file=$WORK/$name.jfr" -cp "$WORK/classes" "$@")")
    # the floor: a JFR recording with no event enabled costs this much by itself
    CURRENT=jfr; floor+=("$(run_ms "-XX:StartFlightRecording=filename=$WORK/empty.jfr,settings=$WORK/empty.jfc" \
      -Xlog:jfr+startup=warning -cp "$WORK/classes" "$@")")
  done
  local p g
  p=$(printf '%s\n' "${plain[@]}" | median)
  g=$(printf '%s\n' "${guarded[@]}" | median)
  local f
  f=$(printf '%s\n' "${floor[@]}" | median)
  printf '%-10s wall: without %6d ms, with agent %6d ms, ratio %.3f; empty JFR recording %6d ms, ratio %.3f\n' \
    "$name" "$p" "$g" "$(echo "$g / $p" | bc -l)" "$f" "$(echo "$f / $p" | bc -l)"
  printf '%-10s       (median of %d; runs %s | %s | %s)\n' "" "$REPS" "${plain[*]}" "${guarded[*]}" "${floor[*]}"
  if [[ -s "$WORK/cpu.plain" ]]; then
    p=$(median < "$WORK/cpu.plain")
    g=$(median < "$WORK/cpu.agent")
    f=$(median < "$WORK/cpu.jfr")
    printf '%-10s cpu:  without %6d ms, with agent %6d ms, ratio %.3f; empty JFR recording %6d ms, ratio %.3f (user + sys)\n' \
      "" "$p" "$g" "$(echo "$g / $p" | bc -l)" "$f" "$(echo "$f / $p" | bc -l)"
  fi
}

echo "JDK: $("$JAVA" -version 2>&1 | head -1); cores: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg); agent: $AGENT"
# the fixed cost at JVM start (JFR's own initialisation, as -XX:StartFlightRecording costs), then steady state
measure startup Hello
measure cpu-bound CpuBound "$CPU_ROUNDS"
measure churn ThreadChurn "$CHURN_THREADS"
