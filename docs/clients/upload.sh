#!/usr/bin/env bash
# Upload a file, wait for the split, download the first segment, and verify a webhook's signature — with curl and jq.
#   BASE_URL=https://audio.example.com API_KEY=as_live_… AUDIO_FILE=episode.mp3 [SEGMENT_SECONDS=600] ./upload.sh
# To check a webhook you received: WEBHOOK_SECRET=whsec_… WEBHOOK_BODY_FILE=body.json WEBHOOK_SIGNATURE=<X-AudioSpliter-Signature>
set -euo pipefail
: "${BASE_URL:?}" "${API_KEY:?}" "${AUDIO_FILE:?}"
OUT_DIR="${OUT_DIR:-.}"

job=$(curl -sSf -H "X-API-Key: $API_KEY" -F "file=@$AUDIO_FILE" -F "segmentDuration=${SEGMENT_SECONDS:-600}" "$BASE_URL/api/v1/splits")
id=$(jq -r .id <<<"$job")
echo "created $id"

for _ in $(seq 1 300); do
  job=$(curl -sSf -H "X-API-Key: $API_KEY" "$BASE_URL/api/v1/splits/$id")
  status=$(jq -r .status <<<"$job")
  [ "$status" = queued ] || [ "$status" = processing ] || break
  sleep 1
done
[ "$status" = completed ] || { echo "job $status: $(jq -c .error <<<"$job")" >&2; exit 1; }
echo "completed with $(jq .segmentCount <<<"$job") segments"

# The signed link is the credential: no key needed.
curl -sSf -o "$OUT_DIR/segment-0" "$(jq -r '.segments[0].downloadUrl' <<<"$job")"
echo "downloaded segment 0 ($(wc -c <"$OUT_DIR/segment-0") bytes)"

if [ -n "${WEBHOOK_SECRET:-}" ]; then
  # Lowercase hex HMAC-SHA256 of the raw body, keyed with the whole whsec_… secret.
  expected=$(openssl dgst -sha256 -hmac "$WEBHOOK_SECRET" -hex <"$WEBHOOK_BODY_FILE" | sed 's/^.*= //')
  if [ "$expected" = "$(tr 'A-F' 'a-f' <<<"$WEBHOOK_SIGNATURE")" ]; then echo "signature valid"; else echo "signature INVALID" >&2; exit 1; fi
fi
