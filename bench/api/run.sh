#!/usr/bin/env bash
# API load run: GET /api/v1/splits/{id} and GET /api/v1/splits at 100 connections with wrk.
# Publishes a Release build to a temp folder, makes a throwaway data folder, account, key and one completed job
# (60 s tone split into 6 parts, so every GET mints 6 signed segment links + the archive link), then runs wrk.
# Each endpoint gets a short warm-up (JIT tiering, pools) before the measured run. Besides wrk's figures it prints
# the server process's CPU time per 1,000 requests (from /proc, user + system), which is far less sensitive to
# what else the machine is doing than req/s, and the 1-minute load average at the start.
# Needs: wrk (apt-get install -y wrk), ffmpeg, curl, python3. Rate limiting is switched off for the run (it would
# answer 429 after the plan's per-minute allowance).
# Knobs: DURATION (20s), CONNECTIONS (100), WARMUP (5s, 0 to skip), LOG_LEVEL (Warning), ONLY (get or list: one
# endpoint), APP (an already published folder: skips the publish). Runtime settings pass through (DOTNET_…).
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION="${DURATION:-20s}"
CONNECTIONS="${CONNECTIONS:-100}"
WARMUP="${WARMUP:-5s}"
WORK="$(mktemp -d /tmp/audioportal-bench.XXXXXX)"
OUT="${APP:-$WORK/app}"
export AUDIOPORTAL_Data__Path="$WORK/data" AUDIOPORTAL_RateLimiting__Enabled=false \
       AUDIOPORTAL_Logging__LogLevel__Default="${LOG_LEVEL:-Warning}" \
       ASPNETCORE_ENVIRONMENT=Production DOTNET_gcServer=1

[ -n "${APP:-}" ] || dotnet publish src/AudioPortal.Web -c Release -o "$OUT" -v quiet >/dev/null
dotnet "$OUT/AudioPortal.Web.dll" users create --email bench@example.test --password 'Bench-Pass-123' --plan plan_pro >/dev/null
KEY="$(dotnet "$OUT/AudioPortal.Web.dll" keys create --email bench@example.test --name bench | grep -o 'as_live_[A-Za-z0-9_]*' | head -1)"

PORT="$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"
ASPNETCORE_URLS="$BASE" dotnet "$OUT/AudioPortal.Web.dll" >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
until curl -fs "$BASE/healthz" >/dev/null; do sleep 0.5; done

ffmpeg -v error -f lavfi -i "sine=frequency=440:duration=60" -ar 22050 "$WORK/tone.wav"
JOB="$(curl -fs -H "X-API-Key: $KEY" -F segmentDuration=10 -F "file=@$WORK/tone.wav" "$BASE/api/v1/splits" | python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])')"
until curl -fs -H "X-API-Key: $KEY" "$BASE/api/v1/splits/$JOB" | grep -q '"status":"completed"'; do sleep 0.5; done
for i in $(seq 1 19); do curl -fs -H "X-API-Key: $KEY" -H 'Content-Type: application/json' \
  -d '{"sourceUrl":"https://example.com/a.mp3","segmentDuration":5}' "$BASE/api/v1/splits" >/dev/null; done

# utime + stime of the server in clock ticks (fields 14 and 15 of /proc/PID/stat; the name field has no spaces here).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER/stat"; }
TICKS="$(getconf CLK_TCK)"

measure() {
  local label="$1" url="$2"
  if [ "$WARMUP" != "0" ]; then wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -H "X-API-Key: $KEY" "$url" >/dev/null; fi
  echo "== $label, $CONNECTIONS connections, $DURATION (load average at start: $(cut -d' ' -f1 /proc/loadavg))"
  local before after
  before="$(cpu_ticks)"
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "X-API-Key: $KEY" "$url" | tee "$WORK/wrk.txt"
  after="$(cpu_ticks)"
  local requests
  requests="$(grep -o '^ *[0-9]* requests in' "$WORK/wrk.txt" | grep -o '[0-9]*' | head -1)"
  python3 -c "import sys; t=($after-$before)/$TICKS; n=$requests; print(f'server CPU: {t:.1f} s for {n} requests = {1000*t/max(n,1):.3f} CPU-s per 1,000 requests')"
}

[ "${ONLY:-get}" = list ] || measure "GET /api/v1/splits/$JOB (completed, 6 segments)" "$BASE/api/v1/splits/$JOB"
[ "${ONLY:-list}" = get ] || measure "GET /api/v1/splits?limit=20 (20 jobs per page)" "$BASE/api/v1/splits?limit=20"
