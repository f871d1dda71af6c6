"""Upload a file, wait for the split, download the first segment, and verify a webhook's signature (needs `requests`).

    BASE_URL=https://audio.example.com API_KEY=as_live_… AUDIO_FILE=episode.mp3 [SEGMENT_SECONDS=600] python3 upload.py
To check a webhook you received: WEBHOOK_SECRET=whsec_… WEBHOOK_BODY_FILE=body.json WEBHOOK_SIGNATURE=<X-AudioSpliter-Signature>
"""
import hashlib
import hmac
import os
import sys
import time

import requests

base, key, audio = os.environ["BASE_URL"], os.environ["API_KEY"], os.environ["AUDIO_FILE"]
out_dir = os.environ.get("OUT_DIR", ".")
api = requests.Session()
api.headers["X-API-Key"] = key


def verify_signature(secret: str, body: bytes, signature: str) -> bool:
    """Lowercase hex HMAC-SHA256 of the raw body, keyed with the whole whsec_… secret; compared in constant time."""
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature.strip().lower())


with open(audio, "rb") as f:
    response = api.post(f"{base}/api/v1/splits", files={"file": f}, data={"segmentDuration": os.environ.get("SEGMENT_SECONDS", "600")}, timeout=300)
if response.status_code != 201:
    sys.exit(f"create failed: {response.json()['error']['code']}")
job = response.json()
print("created", job["id"])

for _ in range(300):
    if job["status"] not in ("queued", "processing"):
        break
    time.sleep(1)
    job = api.get(f"{base}/api/v1/splits/{job['id']}", timeout=30).json()
if job["status"] != "completed":
    sys.exit(f"job {job['status']}: {job.get('error')}")
print("completed with", job["segmentCount"], "segments")

# The signed link is the credential: no key needed.
segment = requests.get(job["segments"][0]["downloadUrl"], timeout=300)
segment.raise_for_status()
with open(os.path.join(out_dir, "segment-0"), "wb") as f:
    f.write(segment.content)
print(f"downloaded segment 0 ({len(segment.content)} bytes)")

if os.environ.get("WEBHOOK_SECRET"):
    with open(os.environ["WEBHOOK_BODY_FILE"], "rb") as f:
        body = f.read()
    if not verify_signature(os.environ["WEBHOOK_SECRET"], body, os.environ["WEBHOOK_SIGNATURE"]):
        sys.exit("signature INVALID")
    print("signature valid")
