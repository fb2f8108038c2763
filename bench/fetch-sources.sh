#!/usr/bin/env bash
# Downloads the -sources.jar of every artifact in corpus.txt (or of the files given as arguments) from Maven
# Central and unpacks each into bench/work/sources/<artifactId>/, with a minimal pom.xml whose
# sourceDirectory is that folder, so `mvn threadguard:check -f bench/work/sources/<artifactId>` analyses it.
# An entry github:owner/name@commit is a whole project: the src/main/java trees of all its modules at that commit
# go into bench/work/sources/<name>/src/<module path>/. It is cloned from https://github.com/owner/name, or read
# from a local mirror when GITHUB_MIRRORS names a folder holding owner+name/repo (a bare git directory).
# Idempotent: artifacts already unpacked are kept. Nothing it fetches is committed (bench/work is ignored).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$here/work"
central="${MAVEN_CENTRAL:-https://repo.maven.apache.org/maven2}"
version="$(cd "$here/.." && sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)"
mkdir -p "$work/jars" "$work/sources" "$work/git"

lists=("$@")
[ ${#lists[@]} -eq 0 ] && lists=("$here/corpus.txt")

# Unpacks the src/main/java trees of github:owner/name@commit into $2/src.
unpack_github() {
  local spec="${1#github:}" target="$2"
  local project="${spec%%@*}" commit="${spec#*@}"
  local gitdir="${GITHUB_MIRRORS:-/nonexistent}/${project/\//+}/repo"
  if [ ! -d "$gitdir" ]; then
    gitdir="$work/git/${project/\//+}.git"
    [ -d "$gitdir" ] || git clone -q --bare --filter=blob:none "https://github.com/$project.git" "$gitdir"
  fi
  local expected
  # module-info.java files, and Maven archetype templates (archetype-resources/: Velocity text that only becomes Java
  # when a project is generated from it), are left out of the unpacking below, so out of the count too
  expected="$(git --git-dir="$gitdir" ls-tree -r --name-only "$commit" | grep -E '(^|/)src/main/java/.*\.java$' \
    | grep -cEv '(^|/)module-info\.java$|/archetype-resources/' || true)"
  # Only the Java sources are read: files elsewhere in the tree (web assets, binaries) may be absent from a mirror.
  git --git-dir="$gitdir" archive --format=tar "$commit" -- ':(glob)**/src/main/java/**/*.java' 2>/dev/null \
    | tar -x -C "$target/src" --exclude='*module-info.java' --exclude='*/archetype-resources/*'
  local got
  got="$(find "$target/src" -name '*.java' | wc -l)"
  if [ "$got" -lt $((expected * 99 / 100)) ]; then
    echo "github:$spec: unpacked $got of $expected Java files" >&2
    exit 1
  fi
}

grep -hv '^\s*#' "${lists[@]}" | grep -v '^\s*$' | while read -r entry; do
  case "$entry" in
    github:*)
      artifact="${entry%%@*}"; artifact="${artifact##*/}"; ver="${entry#*@}"; ver="${ver:0:12}" ;;
    *) IFS=: read -r group artifact ver <<<"$entry" ;;
  esac
  target="$work/sources/$artifact"
  if [ -f "$target/.complete" ]; then
    continue
  fi
  echo "fetching $entry"
  rm -rf "$target" && mkdir -p "$target/src"
  case "$entry" in
    github:*) unpack_github "$entry" "$target" ;;
    *)
      jar="$work/jars/$artifact-$ver-sources.jar"
      url="$central/${group//.//}/$artifact/$ver/$artifact-$ver-sources.jar"
      curl -fsSL --retry 3 -o "$jar.part" "$url" && mv "$jar.part" "$jar"
      (cd "$target/src" && unzip -qq -o "$jar" '*.java' -x '*module-info.java' 2>/dev/null || true) ;;
  esac
  cat > "$target/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId>
  <artifactId>$artifact</artifactId>
  <version>$ver</version>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <maven.compiler.release>21</maven.compiler.release>
  </properties>
  <build>
    <sourceDirectory>src</sourceDirectory>
    <plugins>
      <plugin>
        <groupId>dev.threadguard</groupId>
        <artifactId>threadguard-maven-plugin</artifactId>
        <version>$version</version>
      </plugin>
    </plugins>
  </build>
</project>
POM
  touch "$target/.complete"
done
echo "sources in $work/sources: $(find "$work/sources" -name '*.java' | wc -l) files, $(find "$work/sources" -name '*.java' -print0 | xargs -0 cat | wc -l) lines"
