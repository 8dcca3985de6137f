#!/usr/bin/env bash
# The one command a GPU session runs on the device machine, from the repository root, after
# engine-cuda/gpu/prepare-gpu-bundle.sh built .gpu/ here:
#
#   device tool run:  command "bash engine-cuda/gpu/run-on-gpu.sh"   carry [".gpu"]   timeout_s 600
#
# Phases (argument; default all, in this order): tests = every test class of engine-cuda
# (conformance kit, golden values, gradient checks, device tests, NVRTC compile) with
# -Dconvnet.require=cuda so that a skip is a failure; train = `convnet devices` and one epoch of
# `convnet train --device cuda` on Fashion-MNIST; bench = `convnet benchmark --device cuda` and the
# PyTorch peer for the preset nets, if the CLI has the benchmark; opencl (not part of all: a second
# call) = engine-opencl's tests with -Dconvnet.require=opencl on NVIDIA's OpenCL driver, then one
# epoch of keras-mnist on opencl and on cpu with the same seed. Everything it prints goes to
# $OUT/gpu-run.log; JUnit XML to $OUT/junit/, train/benchmark output to $OUT/train.log and
# $OUT/bench.log, JVM crash logs to $OUT/hs_err_*.log.
# Finishes inside BUDGET seconds (default 560) so the device tool's 600 s limit never cuts the logs.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
B="$ROOT/.gpu"
PHASE=${1:-all}
LOCAL=${RUN_ON_GPU_LOCAL_CHECK:-0}   # 1: prepare-gpu-bundle.sh checking the bundle on a machine without GPU
OUT=${OUT:-$B/out}
mkdir -p "$OUT"
exec > >(tee "$OUT/gpu-run.log") 2>&1
START=$(date +%s)
DEADLINE=$((START + ${BUDGET:-560}))
remaining() { echo $((DEADLINE - $(date +%s))); }
section() { echo; echo "=== $* (t+$(( $(date +%s) - START ))s)"; }

section "machine"
uname -a
if [ "$LOCAL" = 1 ]; then echo "local bundle check: no GPU expected"; else nvidia-smi || echo "nvidia-smi failed"; fi
[ -f "$B/MANIFEST.txt" ] && cat "$B/MANIFEST.txt"

section "java runtime"
if [ ! -x "$B/jre/bin/java" ] || [ ! -d "$B/natives" ]; then
    [ -f "$B/runtime.txz" ] || { echo "no $B/runtime.txz: run engine-cuda/gpu/prepare-gpu-bundle.sh first and carry .gpu"; exit 2; }
    tar -C "$B" -xJf "$B/runtime.txz" 2>/dev/null \
        || python3 -c "import tarfile,sys; tarfile.open(sys.argv[1]).extractall(sys.argv[2])" "$B/runtime.txz" "$B"
fi
export PATH="$B/jre/bin:$PATH"
java -version

section "native libraries"
# The driver comes from the system; cuBLAS, NVRTC and cuDNN from PyTorch's nvidia-* wheels.
find_lib() {
    local p
    p=$(ldconfig -p 2>/dev/null | awk -v l="$1" '$1 == l { print $NF; exit }')
    if [ -z "$p" ]; then
        local roots
        roots=$(python3 -c "import site; print(' '.join(site.getsitepackages()))" 2>/dev/null)
        p=$(find $roots /usr/local/nvidia /usr/local/cuda /usr/lib /opt -name "$1" 2>/dev/null | head -1)
    fi
    [ -n "$p" ] && echo "$p"
}
dirs=""
for lib in libcuda.so.1 libcublas.so.13 libcublasLt.so.13 libnvrtc.so.13 libnvrtc-builtins.so.13 libcudnn.so.9; do
    p=$(find_lib "$lib")
    if [ -n "$p" ]; then
        echo "$lib: $p"
        d=$(dirname "$p")
        case ":$dirs:" in *":$d:"*) ;; *) dirs="$dirs:$d" ;; esac
    else
        echo "$lib: NOT FOUND"
    fi
done
shimdir="$B/shim"
[ "$LOCAL" = 1 ] && shimdir=""   # without the .so.13 targets a shim loads but answers every call with an error
export LD_LIBRARY_PATH="$shimdir$dirs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
echo "LD_LIBRARY_PATH=$LD_LIBRARY_PATH"

CP="$B/test-classes:$B/lib/*:$ROOT/test-data/src/main/resources"
# Keep HotSpot's signal handlers if an LLVM-based OpenCL runtime gets loaded (see README, signal chaining).
JSIG=()
[ -f "$B/jre/lib/libjsig.so" ] && JSIG=(env "LD_PRELOAD=$B/jre/lib/libjsig.so")
JVM=("${JSIG[@]}" java -Xmx16g --add-modules jdk.incubator.vector -XX:ErrorFile="$OUT/hs_err_%p.log")
JAVA=("${JVM[@]}" -Djava.library.path="$B/natives" -cp "$CP")
status=0

if [ "$PHASE" = all ] || [ "$PHASE" = tests ]; then
    section "engine-cuda tests"
    require=(-Dconvnet.require=cuda)
    [ "$LOCAL" = 1 ] && require=()
    timeout -k 10 "$(( $(remaining) - 20 ))" "${JAVA[@]}" "${require[@]}" org.junit.platform.console.ConsoleLauncher execute \
        --disable-banner --disable-ansi-colors --details=tree --fail-if-no-tests \
        --scan-classpath="$B/test-classes" --reports-dir="$OUT/junit"
    status=$?
    echo "tests exit status: $status"
fi

CLI="$B/lib/convnet-cli.jar"
# Listed once: piping unzip into grep -q under pipefail fails at random (grep exits early, unzip
# gets SIGPIPE), which skipped the train phase of a bundle check.
CLI_CLASSES=$(unzip -l "$CLI" 2>/dev/null)
has_cli_class() { grep -q "io/github/convnet4j/cli/$1.class" <<< "$CLI_CLASSES"; }
DEVICE=cuda
[ "$LOCAL" = 1 ] && DEVICE=cpu   # the local check only proves the bundle's class path and runtime

if [ "$PHASE" = all ] || [ "$PHASE" = train ]; then
    section "convnet devices, and one epoch of convnet train on $DEVICE"
    if has_cli_class TrainCommand; then
        "${JAVA[@]}" io.github.convnet4j.cli.Main devices || true
        limit=()
        [ "$LOCAL" = 1 ] && limit=(--limit 256)
        timeout -k 5 "$(( $(remaining) - 30 ))" "${JAVA[@]}" io.github.convnet4j.cli.Main train --device "$DEVICE" \
            --model keras-mnist --epochs 1 "${limit[@]}" --out "$(mktemp -d)/run" | tee "$OUT/train.log"
        echo "train exit status: ${PIPESTATUS[0]}"
    else
        echo "no convnet train in this build"
    fi
fi

if [ "$PHASE" = all ] || [ "$PHASE" = bench ]; then
    section "benchmark on $DEVICE"
    if has_cli_class BenchmarkCommand; then
        if [ "$LOCAL" = 1 ]; then
            "${JAVA[@]}" io.github.convnet4j.cli.Main benchmark --device cpu --net keras-mnist --steps 1 --warmup 1 --no-conv-profile
            echo "benchmark exit status: $?"
        else
            for net in keras-mnist vgg-small resnet-small; do
                [ "$(remaining)" -gt 60 ] || { echo "skipping $net: $(remaining) s left"; continue; }
                timeout -k 5 "$(( $(remaining) - 30 ))" "${JAVA[@]}" io.github.convnet4j.cli.Main benchmark --device cuda --net "$net" \
                    | tee -a "$OUT/bench.log"
                if [ -f bench/pytorch_peer.py ] && [ "$(remaining)" -gt 40 ]; then
                    timeout -k 5 "$(( $(remaining) - 20 ))" python3 bench/pytorch_peer.py --device cuda --net "$net" | tee -a "$OUT/bench.log"
                fi
            done
            [ -f "$OUT/bench.log" ] && "${JAVA[@]}" io.github.convnet4j.cli.Main benchmark --compare "$OUT/bench.log"
        fi
    else
        echo "no convnet benchmark in this build"
    fi
fi

if [ "$PHASE" = opencl ]; then
    section "OpenCL on the NVIDIA driver"
    # NVIDIA's OpenCL ICD is libnvidia-opencl.so.1; the machine may lack /etc/OpenCL/vendors and the
    # loader, so name the driver in a vendors folder of our own and put the carried loader first.
    vendor_lib=libnvidia-opencl.so.1
    [ "$LOCAL" = 1 ] && vendor_lib=$(cat /etc/OpenCL/vendors/pocl.icd 2>/dev/null)
    vendor=$(find_lib "$vendor_lib")
    if [ -z "$vendor" ] || [ ! -d "$B/opencl-test-classes" ]; then
        echo "no $vendor_lib on this machine or no opencl test classes in the bundle: nothing to run"
        status=3
    else
        echo "OpenCL driver: $vendor"
        mkdir -p "$B/ocl/vendors"
        echo "$vendor" > "$B/ocl/vendors/convnet4j.icd"
        export OCL_ICD_VENDORS="$B/ocl/vendors"
        [ -f "$B/ocl/libOpenCL.so" ] && export LD_LIBRARY_PATH="$B/ocl:$LD_LIBRARY_PATH"
        OCL=("${JVM[@]}" -cp "$B/opencl-test-classes:$B/lib/*:$ROOT/test-data/src/main/resources")
        timeout -k 10 "$(( $(remaining) - 120 ))" "${OCL[@]}" -Dconvnet.require=opencl org.junit.platform.console.ConsoleLauncher execute \
            --disable-banner --disable-ansi-colors --details=summary --fail-if-no-tests \
            --scan-classpath="$B/opencl-test-classes" --reports-dir="$OUT/junit-opencl"
        status=$?
        echo "opencl tests exit status: $status"
        if has_cli_class TrainCommand; then
            "${JAVA[@]}" io.github.convnet4j.cli.Main devices || true
            limit=()
            [ "$LOCAL" = 1 ] && limit=(--limit 256)
            for dev in opencl cpu; do
                [ "$(remaining)" -gt 40 ] || { echo "skipping train on $dev: $(remaining) s left"; continue; }
                timeout -k 5 "$(( $(remaining) - 20 ))" "${JAVA[@]}" io.github.convnet4j.cli.Main train --device "$dev" \
                    --model keras-mnist --epochs 1 --seed 42 "${limit[@]}" --out "$(mktemp -d)/run" | tee "$OUT/train-$dev.log"
                echo "train on $dev exit status: ${PIPESTATUS[0]}"
            done
            grep -h "^test:" "$OUT"/train-opencl.log "$OUT"/train-cpu.log 2>/dev/null
        fi
    fi
fi

section "done"
ls -la "$OUT" "$OUT/junit" 2>/dev/null
exit $status
