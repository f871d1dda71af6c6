#!/usr/bin/env bash
# API load run: GET /api/v1/splits/{id} and GET /api/v1/splits at 100 connections with wrk.
# Publishes a Release build to a temp folder, makes a throwaway data folder, account, key and one completed job
# (60 s tone split into 6 parts, so every GET mints 6 signed segment links + the archive link), then runs wrk.
# Needs: wrk (apt-get install -y wrk), ffmpeg, curl. Rate limiting is switched off for the run (it would answer 429).
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION="${DURATION:-20s}"
CONNECTIONS="${CONNECTIONS:-100}"
WORK="$(mktemp -d /tmp/audioportal-bench.XXXXXX)"
OUT="$WORK/app"
export AUDIOPORTAL_Data__Path="$WORK/data" AUDIOPORTAL_RateLimiting__Enabled=false \
       AUDIOPORTAL_Logging__LogLevel__Default=Warning \
       ASPNETCORE_ENVIRONMENT=Production DOTNET_gcServer=1

dotnet publish src/AudioPortal.Web -c Release -o "$OUT" -v quiet >/dev/null
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

echo "== GET /api/v1/splits/$JOB (completed, 6 segments), $CONNECTIONS connections, $DURATION"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "X-API-Key: $KEY" "$BASE/api/v1/splits/$JOB"
echo "== GET /api/v1/splits?limit=20 (20 jobs per page), $CONNECTIONS connections, $DURATION"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "X-API-Key: $KEY" "$BASE/api/v1/splits?limit=20"
