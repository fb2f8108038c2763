#!/usr/bin/env bash
# Downloads the -sources.jar of every artifact in corpus.txt (or of the files given as arguments) from Maven
# Central and unpacks each into bench/work/sources/<artifactId>/, with a minimal pom.xml whose
# sourceDirectory is that folder, so `mvn threadguard:check -f bench/work/sources/<artifactId>` analyses it.
# Idempotent: artifacts already unpacked are kept. Nothing it fetches is committed (bench/work is ignored).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$here/work"
central="${MAVEN_CENTRAL:-https://repo.maven.apache.org/maven2}"
version="$(cd "$here/.." && sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)"
mkdir -p "$work/jars" "$work/sources"

lists=("$@")
[ ${#lists[@]} -eq 0 ] && lists=("$here/corpus.txt")

grep -hv '^\s*#' "${lists[@]}" | grep -v '^\s*$' | while IFS=: read -r group artifact ver; do
  target="$work/sources/$artifact"
  if [ -f "$target/.complete" ]; then
    continue
  fi
  jar="$work/jars/$artifact-$ver-sources.jar"
  url="$central/${group//.//}/$artifact/$ver/$artifact-$ver-sources.jar"
  echo "fetching $group:$artifact:$ver"
  curl -fsSL --retry 3 -o "$jar.part" "$url" && mv "$jar.part" "$jar"
  rm -rf "$target" && mkdir -p "$target/src"
  (cd "$target/src" && unzip -qq -o "$jar" '*.java' -x '*module-info.java' 2>/dev/null || true)
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
