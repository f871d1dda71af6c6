#!/usr/bin/env bash
# Silence analysis (what `cutAt=silence` runs before planning) against ffmpeg's silencedetect on the same files.
# Usage: bench/run-silence.sh [minutes...]      (default: 60; e.g. "bench/run-silence.sh 10 60")
# "ours: analysis" is the engine's own time after the probe (what a split adds); the process wall includes the
# .NET start-up and the probe. Inputs: speech-like audio (a 180 Hz voice with harmonics, 3.4 s on and 0.6 s off, over -60 dB noise), 44.1 kHz
# stereo, as 16-bit WAV and as 128 kb/s MP3. Each row: wall time and peak RSS (/usr/bin/time) of a whole process,
# best of $RUNS (default 3). Ours: the engine's default settings (median-relative −25 dB, 300 ms), in-process for
# WAV (PCM read), and through ffmpeg to 16 kHz mono for MP3 and FLAC (MP3 by NLayer only when ffmpeg is missing). ffmpeg: silencedetect=n=-40dB:d=0.3
# (an absolute threshold: it has no median).
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=("${@:-60}")
if ! [ -x /usr/bin/time ]; then apt-get install -y time >/dev/null; fi
command -v ffmpeg >/dev/null || { echo "ffmpeg is required: apt-get install -y ffmpeg" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/audioportal-silence.XXXXXX")
trap 'rm -rf "$work"' EXIT
dotnet build -c Release -v quiet -nologo bench/AudioPortal.Bench -o "$work/bin" >/dev/null

best() { # command... → sets WALL and RSS (MB) of the fastest of $RUNS runs
  local bw=999999 br=0
  for _ in $(seq "${RUNS:-3}"); do
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/stdout" 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
    read -r w kb < "$work/time"
    if awk "BEGIN{exit !($w < $bw)}"; then bw=$w; br=$((kb / 1024)); fi
  done
  WALL=$bw RSS=$br
}

echo "| input | ours: analysis (s) | ours: whole process (s) | ours RSS (MB) | silences | ffmpeg silencedetect (s) | ffmpeg RSS (MB) | silences | ffmpeg / ours (process) |"
echo "|---|---|---|---|---|---|---|---|---|"
for m in "${minutes[@]}"; do
  seconds=$((m * 60))
  ffmpeg -v error -y -f lavfi -i "aevalsrc='(0.3*sin(2*PI*180*t)+0.15*sin(2*PI*540*t))*lt(mod(t\,4)\,3.4)+0.001*(random(0)-0.5)':s=44100:d=$seconds" \
    -ac 2 -c:a pcm_s16le "$work/talk.wav"
  ffmpeg -v error -y -i "$work/talk.wav" -c:a libmp3lame -b:a 128k "$work/talk.mp3"
  ffmpeg -v error -y -i "$work/talk.wav" -c:a flac "$work/talk.flac"
  for ext in wav mp3 flac; do
    best dotnet "$work/bin/AudioPortal.Bench.dll" silence "$work/talk.$ext"
    read -r ours_analysis ours_count < "$work/stdout"
    ours_wall=$WALL ours_rss=$RSS
    best ffmpeg -hide_banner -nostdin -i "$work/talk.$ext" -af silencedetect=n=-40dB:d=0.3 -f null -
    ff_count=$(grep -c "silence_end" "$work/stderr" || true)
    ratio=$(awk "BEGIN{printf \"%.1f\", $WALL / $ours_wall}")
    echo "| ${m} min $ext | $ours_analysis | $ours_wall | $ours_rss | $ours_count | $WALL | $RSS | $ff_count | ${ratio}× |"
  done
done
