#!/usr/bin/env bash
# Opens the HTML report in headless Chromium (Debian's chromium, installed by scripts/test) and
# checks what a reader gets: the page loads with no console errors, the departure finding is
# visible, and an article carrying <script>alert(1)</script> and "><img src=x onerror=...>
# runs nothing and adds no element. Leaves report-phone.png (a phone-sized screenshot) in the
# output directory for humans. Without chromium: skipped, or a failure when CI=true.
# usage: html_in_chromium.sh CLAIMCHECK OUTDIR
set -euo pipefail
bin=$1
out=$2
src=$(cd "$(dirname "$0")/../.." && pwd)
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$chromium" ]; then
  if [ "${CI:-}" = true ]; then echo "FAIL: chromium is not installed and CI=true" >&2; exit 1; fi
  echo "skipped: chromium is not installed (scripts/test installs it)"; exit 0
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)
db="$out/browser.db"
rm -f "$db" "$db-wal" "$db-shm"
"$bin" check "$src/examples" "$src/tests/data/hostile" --db "$db" --fail-on never >/dev/null
"$bin" report --db "$db" --format html -o "$out/report.html"
flags=(--headless=new --no-sandbox --disable-gpu --no-first-run --disable-extensions --user-data-dir="$out/chromium-profile")
timeout 120 "$chromium" "${flags[@]}" --enable-logging=stderr --v=0 --dump-dom "file://$out/report.html" >"$out/dom.html" 2>"$out/chromium.log"
timeout 120 "$chromium" "${flags[@]}" --window-size=412,2000 --screenshot="$out/report-phone.png" "file://$out/report.html" >/dev/null 2>&1
fail=0
check() { if ! eval "$2"; then echo "FAIL: $1" >&2; fail=1; else echo "ok: $1"; fi; }
check "the page loaded" "grep -q '</html>' '$out/dom.html'"
check "no console messages (errors, blocked scripts)" "! grep -Eq 'CONSOLE|Uncaught|Refused to' '$out/chromium.log'"
check "the departure finding is visible" "grep -q 'departure_day · Joko Widodo' '$out/dom.html'"
check "no script element in the page" "! grep -qi '<script' '$out/dom.html'"
check "no img element in the page" "! grep -qi '<img' '$out/dom.html'"
check "the hostile text is shown as text" "grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' '$out/dom.html'"
check "no javascript: link" "! grep -qi 'href=\"javascript:' '$out/dom.html'"
check "a phone-sized screenshot was taken" "[ -s '$out/report-phone.png' ]"
echo "screenshot: $out/report-phone.png"
exit $fail
