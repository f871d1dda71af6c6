// Upload a file, wait for the split, download the first segment, and verify a webhook's signature (Node 18+, fetch).
//   BASE_URL=https://audio.example.com API_KEY=as_live_… AUDIO_FILE=episode.mp3 [SEGMENT_SECONDS=600] node upload.mjs
// To check a webhook you received: WEBHOOK_SECRET=whsec_… WEBHOOK_BODY_FILE=body.json WEBHOOK_SIGNATURE=<X-AudioSpliter-Signature>
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

const { BASE_URL: base, API_KEY: key, AUDIO_FILE: audio, OUT_DIR: outDir = '.' } = process.env;
const headers = { 'X-API-Key': key };

/** Lowercase hex HMAC-SHA256 of the raw body, keyed with the whole whsec_… secret; compared in constant time. */
export function verifySignature(secret, body, signature) {
  const expected = Buffer.from(createHmac('sha256', secret).update(body).digest('hex'));
  const given = Buffer.from(signature.trim().toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given);
}

const form = new FormData();
form.append('file', new Blob([await readFile(audio)]), basename(audio));
form.append('segmentDuration', process.env.SEGMENT_SECONDS ?? '600');
const created = await fetch(`${base}/api/v1/splits`, { method: 'POST', headers, body: form });
let job = await created.json();
if (created.status !== 201) throw new Error(`create failed: ${job.error.code}`);
console.log('created', job.id);

for (let i = 0; i < 300 && ['queued', 'processing'].includes(job.status); i++) {
  await new Promise(resolve => setTimeout(resolve, 1000));
  job = await (await fetch(`${base}/api/v1/splits/${job.id}`, { headers })).json();
}
if (job.status !== 'completed') throw new Error(`job ${job.status}: ${JSON.stringify(job.error)}`);
console.log('completed with', job.segmentCount, 'segments');

// The signed link is the credential: no key needed.
const segment = await fetch(job.segments[0].downloadUrl);
if (!segment.ok) throw new Error(`download failed: ${segment.status}`);
const bytes = Buffer.from(await segment.arrayBuffer());
await writeFile(join(outDir, 'segment-0'), bytes);
console.log(`downloaded segment 0 (${bytes.length} bytes)`);

if (process.env.WEBHOOK_SECRET) {
  const body = await readFile(process.env.WEBHOOK_BODY_FILE);
  if (!verifySignature(process.env.WEBHOOK_SECRET, body, process.env.WEBHOOK_SIGNATURE)) throw new Error('signature INVALID');
  console.log('signature valid');
}
