#!/usr/bin/env bash
# Portal figures of issue 6, measured in Debian's chromium against a Release build on 127.0.0.1:
#  - the jobs page's first render with JOBS (10,000) jobs in the account (server-side paging);
#  - a SIZE_MB (1,000) MB WAV uploaded from the New split page, with the server's RSS growth sampled meanwhile.
# Needs: chromium, ffmpeg, sqlite3, python3. Everything is written to a temp folder and removed at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
JOBS="${JOBS:-10000}"
SIZE_MB="${SIZE_MB:-1000}"
WORK="$(mktemp -d /tmp/audioportal-portal-bench.XXXXXX)"
export AUDIOPORTAL_Data__Path="$WORK/data" AUDIOPORTAL_Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production

dotnet publish src/AudioPortal.Web -c Release -o "$WORK/app" -v quiet >/dev/null
dotnet build bench/AudioPortal.PortalBench -c Release -o "$WORK/bench" -v quiet >/dev/null
dotnet "$WORK/app/AudioPortal.Web.dll" users create --email bench@example.test --password 'Bench-Pass-123' --plan plan_pro >/dev/null

# Seed completed jobs straight into the database (timestamps are UTC ticks), one per minute going back.
ACCOUNT="$(sqlite3 "$WORK/data/audioportal.db" "select Id from AspNetUsers where Email='bench@example.test'")"
sqlite3 "$WORK/data/audioportal.db" <<SQL
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $JOBS)
INSERT INTO SplitJobs (Id, AccountId, Status, Progress, SplitMode, SegmentDuration, OutputFormat, SourceFileName, SourceFormat,
  SourceDuration, SourceSize, MetadataJson, IsTestKey, CreatedAt, StartedAt, CompletedAt, FilesExpireAt, Attempts, ProgressEventsSent)
SELECT printf('job_bench%011d', i), '$ACCOUNT', 'completed', 100, 'duration', 60, 'mp3', printf('episode-%05d.wav', i), 'wav',
  3600, 635040000, '{}', 0, (strftime('%s','now') - i * 60) * 10000000 + 621355968000000000, NULL,
  (strftime('%s','now') - i * 60 + 30) * 10000000 + 621355968000000000, NULL, 1, 0
FROM n;
SQL

# A WAV of SIZE_MB (stereo 44.1 kHz 16-bit is 10.6 MB per minute).
ffmpeg -v error -f lavfi -i "anoisesrc=c=pink:r=44100:a=0.3" -ac 2 -t "$(python3 -c "print($SIZE_MB*1e6/176400)")" "$WORK/big.wav"

PORT="$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"
ASPNETCORE_URLS="$BASE" dotnet "$WORK/app/AudioPortal.Web.dll" >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
until curl -fs "$BASE/healthz" >/dev/null; do sleep 0.5; done

echo "| measurement | input | result |"
echo "|---|---|---|"
dotnet "$WORK/bench/AudioPortal.PortalBench.dll" "$BASE" "$SERVER" bench@example.test 'Bench-Pass-123' "$WORK/big.wav" | sed "s/^| jobs page, first render |/| jobs page, first render ($JOBS jobs in the account) |/"
