#!/usr/bin/env bash
# Side-by-side training benchmark: convnet4j (`convnet benchmark`) against a PyTorch peer
# (bench/pytorch_peer.py) and a Keras 3 / TensorFlow peer (bench/keras_peer.py) on the same network,
# batch, data, optimizer and thread count.
#
#   bench/vs-peers.sh [--runs 5] [--net keras-mnist,vgg-small,resnet-small,mobilenet-small] [--sides ours,pytorch,keras]
#                     [--steps S] [--warmup W] [--batch-size B] [--device cpu|cuda[:i]] [--threads N]
#                     [--keras-jit auto|on|off] [--peak-gflops G] [--logs DIR]
#
# Each run starts a fresh process per side and the sides alternate (ours, pytorch, keras, ours, ...).
# Printed first: the CPU model and the machine's FP32 FMA peak (`convnet benchmark --peak`). Then per
# net: img/s of every run, our SGEMM and per-conv-layer GFLOP/s with their share of that peak (our
# last run, after its timed steps), and a summary: medians, the peak RSS of every side, and as the
# very last lines, per net (keras-mnist last) and peer,
#   keras-mnist ours/pytorch = R
#   keras-mnist ours/keras = R
# where R is median(ours img/s) / median(peer img/s) to 2 decimals. Steps, warm-up and batch default
# per net (NetDefaults.java / bench/peer_common.py); threads default to nproc.
#
# Nothing is installed. PyTorch: /usr/bin/python3 with Debian's python3-torch (override with
# PEER_PYTHON). Keras: the Python named by KERAS_PYTHON (default python3), e.g. a venv made with
#   python3 -m venv ~/venv-keras && ~/venv-keras/bin/pip install tensorflow-cpu keras
# A missing peer is named with what to install, exit 2 (or leave it out with --sides). Java options
# for our side come from CONVNET_JAVA_OPTS (the launcher's). --logs DIR keeps every run's full output
# and the collected RESULT lines there.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
me="vs-peers.sh"
python="${PEER_PYTHON:-/usr/bin/python3}"
keras_python="${KERAS_PYTHON:-python3}"
runs=5
nets=keras-mnist,vgg-small,resnet-small,mobilenet-small
sides=ours,pytorch,keras
device=cpu
threads="$(nproc)"
keras_jit=auto
peak=""
extra=()
logs=""

usage() { sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --net) nets="$2"; shift 2 ;;
    --sides) sides="$2"; shift 2 ;;
    --device) device="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --keras-jit) keras_jit="$2"; shift 2 ;;
    --peak-gflops) peak="$2"; shift 2 ;;
    --logs) logs="$2"; shift 2 ;;
    --steps|--warmup|--batch-size) extra+=("$1" "$2"); shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "$me: unknown option $1" >&2; usage >&2; exit 64 ;;
  esac
done
case "$runs" in ''|*[!0-9]*) echo "$me: --runs must be a positive number, got '$runs'" >&2; exit 64 ;; esac
if [ "$runs" -lt 1 ]; then echo "$me: --runs must be >= 1" >&2; exit 64; fi
if [ "$runs" -lt 5 ]; then echo "$me: note: $runs run(s); the README's table takes medians of >= 5 runs" >&2; fi
case "$keras_jit" in auto|on|off) ;; *) echo "$me: --keras-jit must be auto, on or off, got '$keras_jit'" >&2; exit 64 ;; esac

want_pytorch=0 want_keras=0
IFS=',' read -r -a side_list <<<"$sides"
for s in "${side_list[@]}"; do
  case "$s" in
    ours) ;;
    pytorch) want_pytorch=1 ;;
    keras) want_keras=1 ;;
    *) echo "$me: --sides takes ours, pytorch and keras, got '$s'" >&2; exit 64 ;;
  esac
done
if [ $((want_pytorch + want_keras)) -eq 0 ]; then echo "$me: --sides names no peer (pytorch, keras)" >&2; exit 64; fi

if [ "$want_pytorch" -eq 1 ] && { [ ! -x "$python" ] || ! "$python" -c 'import torch' >/dev/null 2>&1; }; then
  echo "PyTorch peer missing: apt-get install python3-torch (or leave it out: --sides ours,keras)" >&2
  exit 2
fi
if [ "$want_keras" -eq 1 ] && ! "$keras_python" -c 'import tensorflow, keras' >/dev/null 2>&1; then
  echo "Keras peer missing: python3 -m venv VENV && VENV/bin/pip install tensorflow-cpu keras, then KERAS_PYTHON=VENV/bin/python (or --sides ours,pytorch)" >&2
  exit 2
fi
case "$device" in
  cpu) ;;
  cuda*)
    if [ "$want_keras" -eq 1 ]; then echo "$me: the Keras peer runs tensorflow-cpu only; with --device $device pass --sides ours,pytorch" >&2; exit 64; fi
    if ! "$python" -c 'import sys, torch; sys.exit(0 if torch.cuda.is_available() else 1)' >/dev/null 2>&1; then
      echo "$me: --device $device but the PyTorch peer has no CUDA (torch.cuda.is_available() is False)" >&2
      exit 2
    fi ;;
  *) echo "$me: --device must be cpu or cuda[:i], got '$device'" >&2; exit 64 ;;
esac

# Build once, before any timing, so no run pays for compilation.
echo "building convnet4j (mvn package, once)..."
build_log="${TMPDIR:-/tmp}/vs-peers-build.$$.log"
if ! "$root/convnet" --version >"$build_log" 2>&1; then
  cat "$build_log" >&2
  rm -f "$build_log"
  exit 1
fi
rm -f "$build_log"
if ! "$root/convnet" benchmark --help >/dev/null 2>&1; then
  echo "$me: this build has no 'convnet benchmark' command (BenchmarkCommand is not registered)" >&2
  exit 1
fi

if [ -n "$logs" ]; then
  mkdir -p "$logs"
  work="$(cd "$logs" && pwd)"
else
  work="$(mktemp -d "${TMPDIR:-/tmp}/vs-peers.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
fi
results="$work/results.txt"
: >"$results"

cpu_model="$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo 2>/dev/null | head -n 1)"
echo "== machine: ${cpu_model:-unknown CPU}, $(nproc) CPUs; $threads threads per side"
if [ -z "$peak" ]; then
  "$root/convnet" benchmark --peak --threads "$threads" >"$work/peak.log" 2>&1 || { cat "$work/peak.log" >&2; exit 1; }
  sed -n '/^peak: /,$p' "$work/peak.log"
  peak="$(sed -n 's/^peak: \([0-9.]*\) GFLOP\/s.*/\1/p' "$work/peak.log")"
  if [ -z "$peak" ]; then echo "$me: convnet benchmark --peak printed no peak:" >&2; cat "$work/peak.log" >&2; exit 1; fi
else
  echo "peak: $peak GFLOP/s (given with --peak-gflops, not measured)"
fi

# Runs one side, appends its RESULT line to $results, echoes its img/s; on failure shows the log.
run_side() {
  local label="$1" log="$2"; shift 2
  if ! "$@" >"$log" 2>&1; then
    echo "$me: $label failed:" >&2
    tail -n 20 "$log" >&2
    exit 1
  fi
  local line
  line="$(grep '^RESULT ' "$log" | tail -n 1)"
  if [ -z "$line" ]; then
    echo "$me: $label printed no RESULT line:" >&2
    tail -n 20 "$log" >&2
    exit 1
  fi
  echo "$line" >>"$results"
  echo "$line" | tr ' ' '\n' | sed -n 's/^imgs_per_s=//p'
}

field() { tr ' ' '\n' | sed -n "s/^$1=//p"; }

IFS=',' read -r -a net_list <<<"$nets"
for net in "${net_list[@]}"; do
  common=(--net "$net" --device "$device" --threads "$threads" ${extra[@]+"${extra[@]}"})
  echo "== $net: $runs runs per side, alternating $sides, device $device, $threads threads"
  for ((r = 1; r <= runs; r++)); do
    profile=(--no-conv-profile)
    if [ "$r" -eq "$runs" ]; then profile=(--conv-profile --gemm --peak-gflops "$peak"); fi
    ours_log="$work/$net-ours-$r.log"
    rate="$(run_side "ours ($net run $r)" "$ours_log" "$root/convnet" benchmark "${common[@]}" "${profile[@]}")"
    echo "  run $r/$runs ours:    $rate img/s"
    last="$(grep '^RESULT ' "$ours_log" | tail -n 1)"
    expect=(--expect-params "$(echo "$last" | field params)" --expect-trainable "$(echo "$last" | field trainable_params)")
    if [ "$want_pytorch" -eq 1 ]; then
      rate="$(run_side "pytorch peer ($net run $r)" "$work/$net-pytorch-$r.log" \
        "$python" "$root/bench/pytorch_peer.py" "${common[@]}" "${expect[@]}")"
      echo "  run $r/$runs pytorch: $rate img/s"
    fi
    if [ "$want_keras" -eq 1 ]; then
      rate="$(run_side "keras peer ($net run $r)" "$work/$net-keras-$r.log" \
        "$keras_python" "$root/bench/keras_peer.py" "${common[@]}" "${expect[@]}" --jit-compile "$keras_jit")"
      echo "  run $r/$runs keras:   $rate img/s"
    fi
  done
  echo "-- $net, ours (last run): device, SGEMM and per-conv-layer GFLOP/s"
  sed -n '/^benchmark: /p; /^percentages: /p; /^SGEMM /p; /^per-conv-layer/,/^  all convolutions/p' "$ours_log"
  for peer in pytorch keras; do grep -h "^$peer peer: " "$work/$net-$peer-$runs.log" 2>/dev/null || true; done
done

echo "== summary (medians of $runs runs)"
echo "machine: ${cpu_model:-unknown CPU}, $(nproc) CPUs, FMA peak $peak GFLOP/s"
# stderr apart: the JVM's incubator-module warning must not land between the report and its last lines.
if ! "$root/convnet" benchmark --compare "$results" 2>"$work/compare.err"; then
  cat "$work/compare.err" >&2
  exit 1
fi
