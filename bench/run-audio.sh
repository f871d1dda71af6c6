#!/usr/bin/env bash
# Benchmarks our split against the ffmpeg CLI's segment muxer on the same generated inputs, in the same run.
# Usage: bench/run-audio.sh [minutes...]        (default: 10; e.g. "bench/run-audio.sh 10 60")
#        BENCH_BIG=1 bench/run-audio.sh         (also: peak RSS of a WAV→WAV split of a ~2 GB WAV)
#        ONLY_FILL=1 bench/run-audio.sh         (only the fill-ratio table of size-limited splits)
# Prints a markdown table: wall time, CPU time (user+sys) and peak RSS (/usr/bin/time) of each whole process
# (children included: ours is the native `audioportal split`, published as the README says), the wall-time ratio,
# the same verb run by the web project on the .NET runtime (`dotnet AudioPortal.Web.dll split`: same code, JIT
# start-up), and the engine's time in a warm process (as the job worker runs it: no start-up or JIT).
# Lossless rows: best of 3 each; transcodes: median of back-to-back rounds. A second table gives the fill ratio of
# `--max-size` splits per format: each part's size as a share of the limit.
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=("${@:-10}")
if ! [ -x /usr/bin/time ]; then apt-get install -y time >/dev/null; fi
command -v ffmpeg >/dev/null || { echo "ffmpeg is required: apt-get install -y ffmpeg" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/audioportal-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
dotnet publish -v quiet -nologo src/AudioPortal.Cli -o "$work/native" --artifacts-path "$work/artifacts" >/dev/null
dotnet build -c Release -v quiet -nologo src/AudioPortal.Web -o "$work/web" >/dev/null
dotnet build -c Release -v quiet -nologo bench/AudioPortal.Bench -o "$work/bin" >/dev/null
cores=$(nproc)
# Ours as a user runs it: the native `audioportal split`, a whole process (start, probe, plan, split).
ours=("$work/native/audioportal" split)
# The same verb from the web project, on the .NET runtime.
web=(dotnet "$work/web/AudioPortal.Web.dll" split)
# Ours as the job worker runs it: the engine in a process that has already split a short file of the same format
# (so every method on the path is compiled); prints the split's seconds.
ffmpeg -v error -y -f lavfi -i "sine=f=440:d=12:r=44100" -ac 2 -c:a pcm_s16le "$work/warm-up.wav"
ffmpeg -v error -y -i "$work/warm-up.wav" -c:a libmp3lame -b:a 192k "$work/warm-up.mp3"
ours_warm() { # input segment-seconds format
  rm -rf "$work/out" && mkdir -p "$work/out"
  dotnet "$work/bin/AudioPortal.Bench.dll" "$work/warm-up.${1##*.}" "$1" "$2" "$3" "$work/out" "$cores"
}
# Lowest of $RUNS warm runs.
best_warm() { local b=999999 w; for _ in $(seq "${RUNS:-3}"); do w=$(ours_warm "$@"); b=$(awk "BEGIN{print ($w < $b) ? $w : $b}"); done; echo "$b"; }

# Runs a command under /usr/bin/time in a fresh output folder; sets WALL (s) and RSS (MB).
measure() {
  rm -rf "$work/out" && mkdir -p "$work/out"
  /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  read -r WALL RSS_KB USER SYS < "$work/time"
  CPU=$(awk "BEGIN{print $USER + $SYS}")
  RSS=$((RSS_KB / 1024))
  PARTS=$(ls "$work/out" | wc -l)
}

# Best (lowest) wall of $RUNS runs, to damp the noise of a shared machine.
best() {
  local bw=999999 br=0 bp=0 bc=0
  for _ in $(seq "${RUNS:-3}"); do
    measure "$@"
    if awk "BEGIN{exit !($WALL < $bw)}"; then bw=$WALL; br=$RSS; bp=$PARTS; bc=$CPU; fi
  done
  WALL=$bw; RSS=$br; PARTS=$bp; CPU=$bc
}

codec_args() {
  case $1 in
    mp3) echo "-c:a libmp3lame -q:a 2" ;;
    wav) echo "-c:a pcm_s16le" ;;
    flac) echo "-c:a flac -compression_level 5" ;;
    ogg) echo "-c:a libvorbis -q:a 5" ;;
    aac) echo "-c:a aac -b:a 192k" ;;
  esac
}
ext() { [ "$1" = aac ] && echo m4a || echo "$1"; }

# Fill ratio of size-limited splits: `split --max-size` of a mixed input (speech-like bursts, a tone, noise and
# silence, 6 s each in turn), one limit per format; each part's size as a share of the limit.
fill_rows() { # minutes
  local secs=$(($1 * 60)) mixed="$work/mixed-$1min.wav" fmt limit sizes
  ffmpeg -v error -y -f lavfi -i "aevalsrc='if(lt(mod(t\,24)\,6)\,0\,if(lt(mod(t\,24)\,12)\,0.5*sin(2*PI*440*t)\,if(lt(mod(t\,24)\,18)\,0.3*(random(0)*2-1)\,0.5*sin(2*PI*220*t)*lt(mod(t\,0.9)\,0.4))))':s=44100:d=$secs" \
    -ac 2 -c:a pcm_s16le "$mixed"
  for fmt in wav flac mp3 ogg aac; do
    case $fmt in wav) limit=10000000 ;; flac) limit=4000000 ;; *) limit=1000000 ;; esac
    measure "${ours[@]}" "$mixed" --max-size "$limit" --format $fmt --out "$work/out" --parallel "$cores"
    # Sizes in file order; the last part is the remainder and is left out of the smallest and median.
    sizes=$(find "$work/out" -type f -printf '%f %s\n' | sort | awk '{print $2}')
    # All but the last, sorted, for the smallest and the median (mawk has no sort of its own).
    rest=$(echo "$sizes" | sed '$d' | sort -n); [ -n "$rest" ] || rest=$(echo "$sizes" | tail -1)
    awk -v l="$limit" -v label="$1 min mixed" -v f="$fmt" -v w="$WALL" -v all="$(echo $sizes)" '
      { b[NR] = $1 } END {
        n = split(all, s, " "); max = 0; for (i = 1; i <= n; i++) if (s[i] + 0 > max) max = s[i] + 0
        printf "| %s | %s | %d | %d | %.1f %% | %.1f %% | %.1f %% | %.1f %% | %.2f s |\n", label, f, l, n,
          100 * b[1] / l, 100 * b[int((NR + 1) / 2)] / l, 100 * max / l, 100 * s[n] / l, w }' <<< "$rest"
  done
  rm -f "$mixed"
}

if [ "${ONLY_FILL:-0}" = 1 ]; then
  echo "| input | output | maxFileSize | parts | smallest (but the last) | median (but the last) | largest | last | wall |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for m in "${minutes[@]}"; do fill_rows "$m"; done
  exit 0
fi

echo "| input | output | parts | ours: wall | ours: CPU | ours: peak RSS | ffmpeg segment: wall | ffmpeg: CPU | ffmpeg: peak RSS | ffmpeg wall ÷ ours | web verb: wall (ratio) | ours warm: wall (ratio) |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
# A wall time and ffmpeg's wall divided by it, "0.31 s (0.92×)"; "–" when not measured.
with_ratio() { [ -n "$2" ] && printf "%.2f s (%.2f×)" "$2" "$(awk "BEGIN{print $1/$2}")" || echo "–"; }
row() { # input-label format ours-wall ours-rss ff-wall ff-rss parts ours-cpu ff-cpu [web-wall] [ours-warm-wall]
  printf "| %s | %s | %s | %.2f s | %.2f s | %s MB | %.2f s | %.2f s | %s MB | %.2f× | %s | %s |\n" "$1" "$2" "$7" "$3" "$8" "$4" "$5" "$9" "$6" \
    "$(awk "BEGIN{print $5/$3}")" "$(with_ratio "$5" "${10:-}")" "$(with_ratio "$5" "${11:-}")"
}



for m in "${minutes[@]}"; do
  secs=$((m * 60))
  wav="$work/in-${m}min.wav"; mp3="$work/in-${m}min.mp3"
  ffmpeg -v error -y -f lavfi -i "sine=f=440:d=$secs:r=44100" -f lavfi -i "sine=f=661:d=$secs:r=44100" \
    -filter_complex "[0][1]amerge=inputs=2" -c:a pcm_s16le "$wav"
  ffmpeg -v error -y -i "$wav" -c:a libmp3lame -b:a 192k "$mp3"

  # Lossless: same format in and out (ours: PCM block copy / MP3 frame copy; ffmpeg: -c copy).
  for src in wav mp3; do
    in=$wav; [ $src = mp3 ] && in=$mp3
    best "${ours[@]}" "$in" --every 60 --format $src --out "$work/out" --parallel "$cores"; ow=$WALL; orss=$RSS; op=$PARTS; oc=$CPU
    best "${web[@]}" "$in" --every 60 --format $src --out "$work/out" --parallel "$cores"; vw=$WALL
    ww=$(best_warm "$in" 60 $src)
    best ffmpeg -v error -nostdin -i "$in" -map 0:a -c copy -f segment -segment_time 60 -reset_timestamps 1 "$work/out/p%03d.$src"
    row "${m} min $src" "$src (copy)" "$ow" "$orss" "$WALL" "$RSS" "$op" "$oc" "$CPU" "$vw" "$ww"
  done

  # Transcodes from the WAV: ours runs $cores encoder workers; ffmpeg's segment muxer is one process. The VM's speed
  # drifts by ±20 % and more within minutes, so ours and ffmpeg run back to back as a pair (taking turns to go first),
  # PAIRS times (default 3 for inputs up to 10 min, 1 beyond), and the pair with the median ratio is reported. The
  # warm run goes on the other side of ffmpeg, so ffmpeg is always next to both; the web verb runs next to ours.
  pairs=${PAIRS:-$([ "$m" -le 10 ] && echo 3 || echo 1)}
  for fmt in mp3 flac ogg aac; do
    : > "$work/pairs"
    for pair in $(seq "$pairs"); do
      for side in $( ((pair % 2)) && echo "web ours ffmpeg warm" || echo "warm ffmpeg ours web"); do
        if [ "$side" = web ]; then
          measure "${web[@]}" "$wav" --every 60 --format $fmt --out "$work/out" --parallel "$cores"; vw=$WALL
        elif [ "$side" = ours ]; then
          measure "${ours[@]}" "$wav" --every 60 --format $fmt --out "$work/out" --parallel "$cores"; ow=$WALL; orss=$RSS; op=$PARTS; oc=$CPU
        elif [ "$side" = warm ]; then
          ww=$(ours_warm "$wav" 60 $fmt)
        else
          # shellcheck disable=SC2046
          measure ffmpeg -v error -nostdin -i "$wav" -map 0:a $(codec_args $fmt) -f segment -segment_time 60 -reset_timestamps 1 "$work/out/p%03d.$(ext $fmt)"
          fw=$WALL; frss=$RSS; fc=$CPU
        fi
      done
      echo "$(awk "BEGIN{print $fw/$ow}") $ow $orss $fw $frss $op $oc $fc $vw $ww" >> "$work/pairs"
    done
    read -r _ ow orss fw frss op oc fc vw ww < <(sort -n "$work/pairs" | sed -n "$(((pairs + 1) / 2))p")
    row "${m} min wav" "$fmt" "$ow" "$orss" "$fw" "$frss" "$op" "$oc" "$fc" "$vw" "$ww"
  done
  rm -f "$wav" "$mp3"
done

echo
echo "| input | output | maxFileSize | parts | smallest (but the last) | median (but the last) | largest | last | wall |"
echo "|---|---|---|---|---|---|---|---|---|"
for m in "${minutes[@]}"; do fill_rows "$m"; done

if [ "${BENCH_BIG:-0}" = 1 ]; then
  big="$work/big.wav"   # 3 h 23 min of 44.1 kHz stereo 16-bit ≈ 2.15 GB
  ffmpeg -v error -y -f lavfi -i "sine=f=440:d=12180:r=44100" -ac 2 -c:a pcm_s16le "$big"
  RUNS=1 best "${ours[@]}" "$big" --every 600 --format wav --out "$work/out" --parallel "$cores"; ow=$WALL; orss=$RSS; op=$PARTS; oc=$CPU
  RUNS=1 best ffmpeg -v error -nostdin -i "$big" -c copy -f segment -segment_time 600 -reset_timestamps 1 "$work/out/p%03d.wav"
  row "$(($(stat -c %s "$big") / 1000000)) MB wav" "wav (copy, 10 min parts)" "$ow" "$orss" "$WALL" "$RSS" "$op" "$oc" "$CPU"
  rm -f "$big"
fi
