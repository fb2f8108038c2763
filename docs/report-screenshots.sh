#!/usr/bin/env bash
# Refreshes docs/report-static.png and docs/report-runtime.png: runs threadguard:check and threadguard:run on
# samples/demo-app and photographs the HTML report in headless Chromium (Debian's chromium package).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
demo="$root/samples/demo-app"
out="$demo/target/threadguard"
cd "$root"
./mvnw -q install -DskipTests
./mvnw -q -f "$demo" clean compile threadguard:check -Dthreadguard.failOnViolation=false
./mvnw -q -f "$demo" threadguard:run >/dev/null 2>&1 || true   # the demo breaches its budget on purpose

# one picture per section: copies of the page without the other section
python3 - "$out/report.html" <<'PY'
import re, sys
page = open(sys.argv[1]).read()
for keep, drop in (("static", r'<section id="runtime-run">.*?</section>'), ("runtime", r'<section id="static">.*?</section>')):
    open(sys.argv[1].replace("report.html", "report-" + keep + ".html"), "w").write(re.sub(drop, "", page, flags=re.S))
PY
for section in static runtime; do
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$(mktemp -d)" \
    --window-size=1200,1500 --screenshot="$root/docs/report-$section.png" "file://$out/report-$section.html" 2>/dev/null
done
ls -la "$root"/docs/report-*.png
