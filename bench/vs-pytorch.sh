#!/usr/bin/env bash
# Side-by-side training benchmark: convnet4j (`convnet benchmark`) against a PyTorch peer
# (bench/pytorch_peer.py) on the same network, batch, data, optimizer and thread count.
#
#   bench/vs-pytorch.sh [--runs 3] [--net keras-mnist[,vgg-small,resnet-small,mobilenet-small]] [--steps S] [--warmup W]
#                       [--batch-size B] [--device cpu|cuda[:i]] [--threads N] [--logs DIR]
#
# Each run starts a fresh process per side and the sides alternate (ours, peer, ours, peer, ...).
# Printed: img/s of every run and the medians, the peak RSS of both, our SGEMM and per-conv-layer
# GFLOP/s (measured in our last run, after its timed steps), and as the very last line
#   keras-mnist ours/pytorch = R
# where R is median(ours img/s) / median(pytorch img/s) to 2 decimals. Steps, warm-up and batch
# default per net (see NetDefaults.java / DEFAULTS in the peer); threads default to nproc.
#
# Nothing is installed: without /usr/bin/python3 + torch (override with PEER_PYTHON) it says what to
# install and exits 2. Java options for our side come from CONVNET_JAVA_OPTS (the launcher's).
# --logs DIR keeps every run's full output and the collected RESULT lines there.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${PEER_PYTHON:-/usr/bin/python3}"
runs=3
nets=keras-mnist
device=cpu
threads="$(nproc)"
extra=()
logs=""

usage() { sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --net) nets="$2"; shift 2 ;;
    --device) device="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --logs) logs="$2"; shift 2 ;;
    --steps|--warmup|--batch-size) extra+=("$1" "$2"); shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "vs-pytorch.sh: unknown option $1" >&2; usage >&2; exit 64 ;;
  esac
done
case "$runs" in ''|*[!0-9]*) echo "vs-pytorch.sh: --runs must be a positive number, got '$runs'" >&2; exit 64 ;; esac
if [ "$runs" -lt 1 ]; then echo "vs-pytorch.sh: --runs must be >= 1" >&2; exit 64; fi
if [ "$runs" -lt 3 ]; then echo "vs-pytorch.sh: note: $runs run(s); medians of >= 3 runs are what the comparison calls for" >&2; fi

if [ ! -x "$python" ] || ! "$python" -c 'import torch' >/dev/null 2>&1; then
  echo "PyTorch peer missing: apt-get install python3-torch" >&2
  exit 2
fi
case "$device" in
  cuda*) if ! "$python" -c 'import sys, torch; sys.exit(0 if torch.cuda.is_available() else 1)' >/dev/null 2>&1; then
           echo "vs-pytorch.sh: --device $device but the PyTorch peer has no CUDA (torch.cuda.is_available() is False)" >&2
           exit 2
         fi ;;
esac

# Build once, before any timing, so no run pays for compilation.
echo "building convnet4j (mvn package, once)..."
if ! "$root/convnet" --version >"${TMPDIR:-/tmp}/vs-pytorch-build.$$.log" 2>&1; then
  cat "${TMPDIR:-/tmp}/vs-pytorch-build.$$.log" >&2
  rm -f "${TMPDIR:-/tmp}/vs-pytorch-build.$$.log"
  exit 1
fi
rm -f "${TMPDIR:-/tmp}/vs-pytorch-build.$$.log"
if ! "$root/convnet" benchmark --help >/dev/null 2>&1; then
  echo "vs-pytorch.sh: this build has no 'convnet benchmark' command (BenchmarkCommand is not registered)" >&2
  exit 1
fi

if [ -n "$logs" ]; then
  mkdir -p "$logs"
  work="$(cd "$logs" && pwd)"
else
  work="$(mktemp -d "${TMPDIR:-/tmp}/vs-pytorch.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
fi
results="$work/results.txt"
: >"$results"

# Runs one side, appends its RESULT line to $results, echoes its img/s; on failure shows the log.
run_side() {
  local label="$1" log="$2"; shift 2
  if ! "$@" >"$log" 2>&1; then
    echo "vs-pytorch.sh: $label failed:" >&2
    tail -n 20 "$log" >&2
    exit 1
  fi
  local line
  line="$(grep '^RESULT ' "$log" | tail -n 1)"
  if [ -z "$line" ]; then
    echo "vs-pytorch.sh: $label printed no RESULT line:" >&2
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
  echo "== $net: $runs runs per side, alternating ours/pytorch, device $device, $threads threads"
  for ((r = 1; r <= runs; r++)); do
    profile=(--no-conv-profile)
    if [ "$r" -eq "$runs" ]; then profile=(--conv-profile --gemm); fi
    ours_log="$work/$net-ours-$r.log"
    rate="$(run_side "ours ($net run $r)" "$ours_log" "$root/convnet" benchmark "${common[@]}" "${profile[@]}")"
    echo "  run $r/$runs ours:    $rate img/s"
    last="$(grep '^RESULT ' "$ours_log" | tail -n 1)"
    params="$(echo "$last" | field params)"
    trainable="$(echo "$last" | field trainable_params)"
    rate="$(run_side "pytorch peer ($net run $r)" "$work/$net-peer-$r.log" \
      "$python" "$root/bench/pytorch_peer.py" "${common[@]}" --expect-params "$params" --expect-trainable "$trainable")"
    echo "  run $r/$runs pytorch: $rate img/s"
  done
  echo "-- $net, ours (last run): device, SGEMM and per-conv-layer GFLOP/s"
  sed -n '/^benchmark: /p; /^SGEMM /p; /^per-conv-layer/,/^  all convolutions/p' "$ours_log"
  grep '^pytorch peer: ' "$work/$net-peer-$runs.log" || true
done

echo "== summary (medians of $runs runs)"
# stderr apart: the JVM's incubator-module warning must not land between the report and its last line.
if ! "$root/convnet" benchmark --compare "$results" 2>"$work/compare.err"; then
  cat "$work/compare.err" >&2
  exit 1
fi
