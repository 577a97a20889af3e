#!/usr/bin/env bash
# Paced runs in real time against a standalone RingCentral mock at its documented Heavy pace
# (--rate-limit heavy: 10 requests a minute per credential, a 60 s penalty on any excess), as a user
# meets them. What the project's tests prove on a fake clock (test/pacing/, test/resume.test.ts),
# checked here on the wall clock; loopback only. Takes about 30 minutes for `all`.
#
#   scripts/paced-heavy.sh [bare|budget|resume|all] [OUT_DIR]
#
#   bare    no --budget, no --max-time: ends inside the default 15-minute box, exit 0, no answer 429,
#           no suite error, every requirement tested
#   budget  --budget 48: exit 0, no answer 429, no suite error
#   resume  --budget 48 interrupted (SIGINT) at a random moment, then --resume: one report, same
#           seed, every requirement judged, exit 0
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
out="${2:-$(mktemp -d -t sipc-paced-XXXXXX)}"
mkdir -p "$out"
bin=./bin/sip-conformance

fail() { echo "FAILED: $*" >&2; exit 1; }

"$bin" mock --spec ringcentral --rate-limit heavy --port 0 >"$out/mock.log" 2>&1 &
mock=$!
trap 'kill "$mock" 2>/dev/null || true; wait "$mock" 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do grep -q '^listening ' "$out/mock.log" && break; sleep 0.1; done
url=$(sed -n 's/^listening \(http:\/\/127\.0\.0\.1:[0-9]*\).*/\1/p' "$out/mock.log")
[ -n "$url" ] || fail "the mock did not start: $(cat "$out/mock.log")"
fixture() { sed -n "s/^  fixture $1: //p" "$out/mock.log"; }
cat >"$out/config.json" <<JSON
{ "ringcentral": { "token": "$(fixture token)", "fixtures": {
  "noVoipPermissionToken": "$(fixture noVoipPermissionToken)", "nonAdminToken": "$(fixture nonAdminToken)",
  "incompatibleEditionToken": "$(fixture incompatibleEditionToken)", "noWebPhoneFeatureToken": "$(fixture noWebPhoneFeatureToken)",
  "nonWebRtcDeviceId": "$(fixture nonWebRtcDeviceId)" } } }
JSON
echo "mock $url (Heavy: 10 a minute); reports under $out"

# Checks a report: no suite error, no requirement left cut, no 429 answer, and (optionally) every requirement with cases.
check() {
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const s = r.specs[0], rs = s.requirements, bad = [];
    if (rs.length !== 22) bad.push(`${rs.length} requirements, not 22`);
    for (const q of rs) if (q.verdict === "error") bad.push(`${q.id}: ERROR (suite): ${q.reason}`);
    if (s.transport && s.transport.rateLimitWaits > 0) bad.push(`${s.transport.rateLimitWaits} answers 429`);
    if (process.argv[2] === "all") for (const q of rs) if (q.cut || q.verdict === "fail") bad.push(`${q.id}: ${q.verdict} ${q.reason ?? ""}`);
    console.log(`  ${rs.filter((q) => q.verdict === "pass").length} pass, ${rs.filter((q) => q.verdict === "skip").length} skip, ${s.transport ? s.transport.requests : "?"} requests, seed ${r.seed}`);
    if (bad.length) { console.error(bad.join("\n")); process.exit(1); }
  ' "$1/report.json" "${2:-}"
}

bare() {
  echo "bare run (default 15-minute box)..."
  local started=$SECONDS
  "$bin" run --spec ringcentral --target "$url" --config "$out/config.json" --seed 1 --format json --report-dir "$out/bare" >"$out/bare.log" 2>&1 || fail "bare run exit $? (see $out/bare.log)"
  local took=$((SECONDS - started))
  echo "  took ${took} s"
  [ "$took" -le 960 ] || fail "bare run took ${took} s, past its 15-minute box (plus start-up)"
  check "$out/bare" all
}

budget() {
  echo "--budget 48..."
  "$bin" run --spec ringcentral --target "$url" --config "$out/config.json" --seed 2 --budget 48 --format json --report-dir "$out/budget" >"$out/budget.log" 2>&1 || fail "--budget 48 exit $? (see $out/budget.log)"
  check "$out/budget"
}

resume() {
  echo "--budget 48 interrupted at a random moment, then --resume..."
  "$bin" run --spec ringcentral --target "$url" --config "$out/config.json" --seed 3 --budget 48 --format json --report-dir "$out/resume" >"$out/resume-1.log" 2>&1 &
  local run=$!
  # Under way first (a requirement in the report), then a random moment of the next two minutes.
  for _ in $(seq 1 1200); do grep -q '"verdict"' "$out/resume/report.json" 2>/dev/null && break; sleep 0.5; done
  sleep $((RANDOM % 120))
  kill -INT "$run"
  local code=0
  wait "$run" || code=$?
  [ "$code" -eq 130 ] || fail "interrupted run exit $code, not 130"
  # As the next CI job would: after the server's window (the interrupted run's requests still count
  # against the credential for 60 s; resumed at once, its first requests are answered 429 and waited
  # out, and those retries spend budget).
  sleep 65
  "$bin" run --resume "$out/resume/report.json" --budget 48 --format json --report-dir "$out/resume" >"$out/resume-2.log" 2>&1 || fail "resumed run exit $? (see $out/resume-2.log)"
  grep -m1 '^resuming' "$out/resume-2.log" | sed 's/^/  /'
  check "$out/resume" all
}

case "$what" in
  bare) bare ;;
  budget) budget ;;
  resume) resume ;;
  all) bare; budget; resume ;;
  *) fail "unknown step $what (bare, budget, resume, all)" ;;
esac
echo "ok"
