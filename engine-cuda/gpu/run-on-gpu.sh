#!/usr/bin/env bash
# The command a GPU session runs on the device machine (one NVIDIA H200), from the repository
# root, after engine-cuda/gpu/prepare-gpu-bundle.sh built .gpu/ here. See engine-cuda/gpu/README.md.
#
#   first call:   command "bash engine-cuda/gpu/run-on-gpu.sh"   carry [".gpu"]   timeout_s 540
#   second call:  command "BUDGET=150 bash engine-cuda/gpu/run-on-gpu.sh <phases>"   timeout_s 180
#
# Phases (arguments, in the order given; default `all` = tests verify train bench):
#   tests   engine-cuda's JUnit tests with -Dconvnet.require=cuda (a skip is a failure): golden
#           values, gradient checks, device tests, NVRTC; CudaConformanceTest only with
#           CONFORMANCE_JUNIT=1, since `verify` runs the same case list
#   verify  `convnet verify --device cuda`: the conformance kit's table
#   train   one epoch of keras-mnist, seed 42, on cuda and then on cpu; the two test accuracies
#   bench   `convnet benchmark --device cuda` and the PyTorch peer, keras-mnist then resnet-small
#           (vgg-small if time is left), peak GPU memory of both sides from nvidia-smi
#   opencl  (not in all) engine-opencl's tests on NVIDIA's OpenCL driver, one epoch on opencl and cpu
# Every phase has its own time cap (timeout), never more than what is left of BUDGET (default
# 500 s) minus what packing the results needs, so a hang costs one phase, never the call.
# EXTRA_JAVA_OPTS is added to every JVM, e.g. -Dconvnet.cuda.pool=kernels (pooling in pool.cu).
#
# $OUT receives at most three files: gpu-run.log (everything printed), summary.txt (the lines
# that matter) and results.tgz (JUnit XML, verify table, train/bench logs, JVM crash logs).
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
B="$ROOT/.gpu"
LOCAL=${RUN_ON_GPU_LOCAL_CHECK:-0}   # 1: prepare-gpu-bundle.sh rehearsing the call on a machine without GPU
OUT=${OUT:-$B/out}
W="$B/work"                           # phase outputs, packed into $OUT/results.tgz at the end
BUDGET=${BUDGET:-500}
RESERVE=15                            # seconds kept back for packing
# The PyTorch peer runs with the machine's own library path, not the shim's.
ORIG_LD_SET=${LD_LIBRARY_PATH+x}
ORIG_LD=${LD_LIBRARY_PATH-}

phases=()
for a in "${@:-all}"; do
    case "$a" in
        all) phases+=(tests verify train bench) ;;
        tests|verify|train|bench|opencl) phases+=("$a") ;;
        *) echo "run-on-gpu.sh: unknown phase '$a' (tests, verify, train, bench, opencl, all)" >&2; exit 2 ;;
    esac
done

rm -rf "$W" "$OUT/results.tgz"
mkdir -p "$OUT" "$W"
exec > >(tee "$OUT/gpu-run.log") 2>&1
exec 3>&1   # the log, also where a phase's own output is redirected to a file
START=$(date +%s)
DEADLINE=$((START + BUDGET))
remaining() { echo $((DEADLINE - $(date +%s) - RESERVE)); }
section() { echo; echo "=== $* (t+$(( $(date +%s) - START ))s, $(remaining) s left)"; }
note() { echo "$*" | tee -a "$W/summary.txt" >&3; }

pack() {
    trap - EXIT
    section "packing"
    [ -f "$W/summary.txt" ] && { echo "--- summary"; cat "$W/summary.txt"; cp "$W/summary.txt" "$OUT/summary.txt"; }
    tar -C "$W" -czf "$OUT/results.tgz" . 2>/dev/null || echo "packing $W failed"
    ls -la "$OUT"
    tar -tzf "$OUT/results.tgz" 2>/dev/null | sed 's/^/  results.tgz: /'
}
trap pack EXIT

# capped NAME SECONDS CMD...: runs CMD under `timeout` for SECONDS or what is left, whichever is less;
# skips it when under 10 s are left. Returns CMD's status (124: timed out).
capped() {
    local name=$1 want=$2; shift 2
    local left cap rc t0
    left=$(remaining)
    cap=$(( want < left ? want : left ))
    if [ "$cap" -lt 10 ]; then note "$name: SKIPPED ($left s left)"; return 125; fi
    t0=$(date +%s)
    timeout -k 5 "$cap" "$@"
    rc=$?
    if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then note "$name: TIMED OUT after $cap s"; else note "$name: exit status $rc in $(( $(date +%s) - t0 )) s"; fi
    return "$rc"
}

section "machine"
uname -a
if [ "$LOCAL" = 1 ]; then
    echo "local rehearsal: no GPU expected"
else
    timeout 20 nvidia-smi || echo "nvidia-smi failed"
    note "gpu: $(timeout 10 nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1 | head -1)"
fi
[ -f "$B/MANIFEST.txt" ] && cat "$B/MANIFEST.txt"

section "java runtime"
if [ ! -x "$B/jre/bin/java" ] || [ ! -d "$B/natives" ]; then
    [ -f "$B/runtime.txz" ] || { echo "no $B/runtime.txz: run engine-cuda/gpu/prepare-gpu-bundle.sh first and carry .gpu"; exit 2; }
    timeout 90 tar -C "$B" -xJf "$B/runtime.txz" 2>/dev/null \
        || timeout 90 python3 -c "import tarfile,sys; tarfile.open(sys.argv[1]).extractall(sys.argv[2])" "$B/runtime.txz" "$B"
fi
export PATH="$B/jre/bin:$PATH"
java -version

section "native libraries"
# The driver comes from the system; cuBLAS, NVRTC and cuDNN from PyTorch's nvidia-* wheels. A name
# may end in '*' for versioned files: NVRTC opens libnvrtc-builtins.so.13.0 (not .so.13) by its
# full name, found only through the library path. GPU_LIB_ROOTS adds folders to search. One capped
# pass of find looks for every name, so a slow file system cannot eat the call.
LIBS=(libcuda.so.1 libcublas.so.13 libcublasLt.so.13 libnvrtc.so.13 'libnvrtc-builtins.so.13*' libcudnn.so.9)
OCL_LIB=libnvidia-opencl.so.1
[ "$LOCAL" = 1 ] && OCL_LIB=$(cat /etc/OpenCL/vendors/pocl.icd 2>/dev/null)
ROOTS="$(timeout 20 python3 -c "import site; print(' '.join(site.getsitepackages()))" 2>/dev/null) ${GPU_LIB_ROOTS:-} /usr/local/nvidia /usr/local/cuda /opt"
LDCACHE=$(timeout 20 ldconfig -p 2>/dev/null)
names=()
for l in "${LIBS[@]}" ${OCL_LIB:+"$OCL_LIB"}; do names+=(-o -name "$l"); done
FOUND=$(timeout 60 find $ROOTS \( "${names[@]:1}" \) \( -type f -o -type l \) 2>/dev/null | sort)
# find_lib NAME (or PREFIX*): the path from the ld cache, else from what find saw; nothing if neither has it.
find_lib() {
    local p
    p=$(awk -v l="$1" '{ n = $1 } !found && (l ~ /\*$/ ? index(n, substr(l, 1, length(l) - 1)) == 1 : n == l) { print $NF; found = 1 }' <<< "$LDCACHE")
    [ -z "$p" ] && p=$(awk -v l="$1" '{ n = $0; sub(/.*\//, "", n) } !found && (l ~ /\*$/ ? index(n, substr(l, 1, length(l) - 1)) == 1 : n == l) { print; found = 1 }' <<< "$FOUND")
    [ -n "$p" ] && echo "$p"
}
dirs=""
for lib in "${LIBS[@]}"; do
    p=$(find_lib "$lib")
    if [ -n "$p" ]; then
        echo "$lib: $p"
        d=$(dirname "$p")
        case ":$dirs:" in *":$d:"*) ;; *) dirs="$dirs:$d" ;; esac
    else
        note "$lib: NOT FOUND"
    fi
done
shimdir="$B/shim"
[ "$LOCAL" = 1 ] && shimdir=""   # without real .so.13 targets a shim loads but answers every call with an error
ld="$shimdir$dirs${ORIG_LD:+:$ORIG_LD}"
export LD_LIBRARY_PATH="${ld#:}"   # no empty entry: it would mean the current directory
echo "LD_LIBRARY_PATH=$LD_LIBRARY_PATH"

CP="$B/test-classes:$B/lib/*:$ROOT/test-data/src/main/resources"
# Keep HotSpot's signal handlers if an LLVM-based OpenCL runtime gets loaded (see README, signal chaining).
JSIG=()
[ -f "$B/jre/lib/libjsig.so" ] && JSIG=(env "LD_PRELOAD=$B/jre/lib/libjsig.so")
read -r -a EXTRA <<< "${EXTRA_JAVA_OPTS:-}"
[ ${#EXTRA[@]} -gt 0 ] && note "EXTRA_JAVA_OPTS: ${EXTRA[*]}"
JVM=("${JSIG[@]}" java -Xmx16g --add-modules jdk.incubator.vector -XX:ErrorFile="$W/hs_err_%p.log" "${EXTRA[@]}")
JAVA=("${JVM[@]}" -Djava.library.path="$B/natives" -cp "$CP")
CONVNET=("${JAVA[@]}" io.github.convnet4j.cli.Main)
DEVICE=cuda
# The rehearsal proves the bundle's class path, runtime and phases on cpu (or RUN_ON_GPU_DEVICE, e.g. opencl).
[ "$LOCAL" = 1 ] && DEVICE=${RUN_ON_GPU_DEVICE:-cpu}
# A jar's entry names are plain text in its central directory; the GPU machine has no unzip.
has_cli() { [ -f "$B/lib/convnet-cli.jar" ] && grep -q -a -F "io/github/convnet4j/cli/$1.class" "$B/lib/convnet-cli.jar"; }
status=0
fail() { status=1; }

# The peer sees the machine's library path (PyTorch brings its own CUDA 13 libraries), not the shim's.
PEER=(env LD_LIBRARY_PATH="$ORIG_LD")
[ -z "$ORIG_LD_SET" ] && PEER=(env -u LD_LIBRARY_PATH)

# Samples the GPU's used memory every 200 ms while CMD runs; notes the peak above the idle level.
with_gpu_peak() {
    local label=$1; shift
    if [ "$LOCAL" = 1 ]; then "$@"; return; fi
    local idle sampler rc
    idle=$(nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits 2>/dev/null | head -1)
    nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits -lms 200 > "$W/gpumem-$label.txt" 2>/dev/null &
    sampler=$!
    "$@"
    rc=$?
    kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null
    note "$label: peak GPU memory $(sort -n "$W/gpumem-$label.txt" | tail -1) MiB used (idle ${idle:-?} MiB; nvidia-smi, whole device)"
    return "$rc"
}

phase_tests() {
    section "engine-cuda tests"
    local require=(-Dconvnet.require=cuda) exclude=(--exclude-classname '.*CudaConformanceTest')
    [ "$LOCAL" = 1 ] && require=()
    [ "${CONFORMANCE_JUNIT:-0}" = 1 ] && exclude=()
    capped tests 200 "${JAVA[@]}" "${require[@]}" org.junit.platform.console.ConsoleLauncher execute \
        --disable-banner --disable-ansi-colors --details=tree --fail-if-no-tests "${exclude[@]}" \
        --scan-classpath="$B/test-classes" --reports-dir="$W/junit" || fail
    grep -E "tests (successful|failed|skipped|aborted)" "$OUT/gpu-run.log" | tail -4 | sed 's/^[[:space:]]*\[/  [/' >> "$W/summary.txt"
}

phase_verify() {
    section "convnet verify --device $DEVICE"
    if ! has_cli VerifyCommand; then note "verify: not in this build"; fail; return; fi
    capped verify 120 "${CONVNET[@]}" verify --device "$DEVICE" > "$W/verify.txt" || fail
    grep -E "^(FAIL|verify: )" "$W/verify.txt" | tail -20 | tee -a "$W/summary.txt"
}

phase_train() {
    section "one epoch of keras-mnist, seed 42, on $DEVICE and on cpu"
    if ! has_cli TrainCommand; then note "train: not in this build"; fail; return; fi
    capped devices 60 "${CONVNET[@]}" devices > "$W/devices.txt" 2>&1
    cat "$W/devices.txt"
    local limit=() side dev t
    [ "$LOCAL" = 1 ] && limit=(--limit 256)
    for side in device cpu; do
        dev=$DEVICE
        [ "$side" = cpu ] && dev=cpu
        capped "train on $dev" 120 "${CONVNET[@]}" train --device "$dev" --model keras-mnist --epochs 1 --seed 42 "${limit[@]}" \
            --out "$W/run-$side" > "$W/train-$side.log" 2>&1 || fail
        tail -4 "$W/train-$side.log"
        t=$(grep -h '^test:' "$W/train-$side.log" | tail -1)
        [ -n "$t" ] && note "train on $dev: $t"
    done
    rm -f "$W"/run-*/checkpoint.safetensors
    local a b
    a=$(grep -h '^test:' "$W/train-device.log" 2>/dev/null | tail -1 | sed -n 's/.*accuracy \([0-9.]*\).*/\1/p')
    b=$(grep -h '^test:' "$W/train-cpu.log" 2>/dev/null | tail -1 | sed -n 's/.*accuracy \([0-9.]*\).*/\1/p')
    if [ -n "$a" ] && [ -n "$b" ]; then
        note "test accuracy $DEVICE $a vs cpu $b: $(awk -v a="$a" -v b="$b" 'BEGIN { d = (a - b) * 100; printf "%+.2f points (%s the 0.5-point criterion)", d, (d <= 0.5 && d >= -0.5) ? "within" : "OUTSIDE" }')"
    else
        note "test accuracy: missing ($DEVICE '${a}', cpu '${b}')"
    fi
}

phase_bench() {
    section "benchmark on $DEVICE beside the PyTorch peer"
    if ! has_cli BenchmarkCommand; then note "bench: not in this build"; fail; return; fi
    local net steps=() log="$W/bench.log" py=""
    [ "$LOCAL" = 1 ] && steps=(--steps 1 --warmup 1 --batch-size 8)
    # The Python that has PyTorch: the machine's python3 there; here maybe only Debian's /usr/bin/python3.
    for p in ${PYTHON:-python3 /usr/bin/python3}; do
        [ "$(remaining)" -gt 40 ] && "${PEER[@]}" timeout 30 "$p" -c 'import torch' 2>/dev/null && { py=$p; break; }
    done
    [ -z "$py" ] && note "bench: no python with torch (tried ${PYTHON:-python3 /usr/bin/python3}): ours only"
    for net in keras-mnist resnet-small vgg-small; do
        [ "$net" = vgg-small ] && [ "$(remaining)" -lt 150 ] && { note "bench vgg-small: skipped ($(remaining) s left)"; continue; }
        with_gpu_peak "ours $net" capped "bench ours $net" 75 "${CONVNET[@]}" benchmark --device "$DEVICE" --net "$net" \
            --no-conv-profile "${steps[@]}" >> "$log" 2>&1 || fail
        if [ -f bench/pytorch_peer.py ] && [ -n "$py" ]; then
            with_gpu_peak "pytorch $net" capped "bench pytorch $net" 60 "${PEER[@]}" "$py" bench/pytorch_peer.py --device "$DEVICE" --net "$net" \
                "${steps[@]}" >> "$log" 2>&1 || fail
        fi
        grep -E "^RESULT" "$log" | tail -2
    done
    grep -q '^RESULT' "$log" 2>/dev/null || return 0
    timeout -k 5 30 "${CONVNET[@]}" benchmark --compare "$log" 2>&1 | grep -v '^WARNING: Using incubator' | tee "$W/bench-compare.txt" | tail -8 | tee -a "$W/summary.txt"
}

phase_opencl() {
    section "OpenCL on the NVIDIA driver"
    # NVIDIA's OpenCL ICD is libnvidia-opencl.so.1; the machine may lack /etc/OpenCL/vendors and the
    # loader, so name the driver in a vendors folder of our own and put the carried loader first.
    local vendor_lib=$OCL_LIB vendor dev
    vendor=$(find_lib "$vendor_lib")
    # PoCL's .icd names a file the dynamic linker finds by itself (libpocl.so.2.10.0 is not in the ld cache).
    [ -z "$vendor" ] && [ "$LOCAL" = 1 ] && vendor=$vendor_lib
    if [ -z "$vendor" ] || [ ! -d "$B/opencl-test-classes" ]; then
        note "opencl: no $vendor_lib on this machine or no opencl test classes in the bundle"
        status=3
        return
    fi
    note "OpenCL driver: $vendor"
    mkdir -p "$B/ocl/vendors"
    echo "$vendor" > "$B/ocl/vendors/convnet4j.icd"
    local ld=$LD_LIBRARY_PATH
    [ -f "$B/ocl/libOpenCL.so" ] && ld="$B/ocl:$LD_LIBRARY_PATH"
    local OCL=(env OCL_ICD_VENDORS="$B/ocl/vendors" LD_LIBRARY_PATH="$ld" "${JVM[@]}" -cp "$B/opencl-test-classes:$B/lib/*:$ROOT/test-data/src/main/resources")
    capped "opencl tests" 240 "${OCL[@]}" -Dconvnet.require=opencl org.junit.platform.console.ConsoleLauncher execute \
        --disable-banner --disable-ansi-colors --details=summary --fail-if-no-tests \
        --scan-classpath="$B/opencl-test-classes" --reports-dir="$W/junit-opencl" || fail
    local limit=()
    [ "$LOCAL" = 1 ] && limit=(--limit 256)
    for dev in opencl cpu; do
        capped "train on $dev (opencl phase)" 100 env OCL_ICD_VENDORS="$B/ocl/vendors" LD_LIBRARY_PATH="$ld" "${CONVNET[@]}" train \
            --device "$dev" --model keras-mnist --epochs 1 --seed 42 "${limit[@]}" --out "$(mktemp -d)/run" > "$W/train-opencl-phase-$dev.log" 2>&1 || fail
        note "train on $dev (opencl phase): $(grep -h '^test:' "$W/train-opencl-phase-$dev.log" | tail -1)"
    done
}

for p in "${phases[@]}"; do "phase_$p"; done

section "done"
note "overall: $([ "$status" = 0 ] && echo "every phase passed" || echo "status $status (see above)") in $(( $(date +%s) - START )) s"
exit $status
