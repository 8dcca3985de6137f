#!/usr/bin/env bash
# Builds everything the GPU machine needs into the ignored folder .gpu/ at the repository root,
# run HERE (the build machine): the GPU machine has no Maven, no registry and probably no Java.
#
#   .gpu/lib/          module jars and their dependency jars, junit-platform-console-standalone;
#                      test-data's jar without Fashion-MNIST (the device reads it from the work tree)
#   .gpu/test-classes/ engine-cuda's compiled tests
#   .gpu/opencl-test-classes/ engine-opencl's compiled tests (the `opencl` phase: NVIDIA's OpenCL driver)
#   .gpu/ocl/          the OpenCL ICD loader (libOpenCL.so, from ocl-icd here), which JOCL opens
#   .gpu/shim/         libcublas.so.12 / libnvrtc.so.12 forwarding to the machine's .so.13
#   .gpu/runtime.txz   jre/ (a jlink'ed Java runtime) and natives/ (the JCuda JNI libraries, loaded
#                      through -Djava.library.path), packed; run-on-gpu.sh unpacks them there
#
# Then, with the device tool: run `bash engine-cuda/gpu/run-on-gpu.sh` with carry [".gpu"].
# Maven runs offline first and, where that fails (a cold ~/.m2), again online.
# Usage: engine-cuda/gpu/prepare-gpu-bundle.sh [--no-check]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
B=.gpu
JUNIT_PLATFORM=1.10.3   # matches junit-jupiter 5.10.3 in the parent pom
JCUDA=12.6.0
# No java.desktop (11 MB more, over the tool's limit): `train` goes on without curves.png and says so.
MODULES=java.base,java.logging,jdk.unsupported,java.management,jdk.incubator.vector,java.xml,java.sql,jdk.zipfs
check=1
[ "${1:-}" = "--no-check" ] && check=0

step() { echo "== $*"; }

# Offline first (fast, and what a warm ~/.m2 needs); online where offline resolution fails.
# check_out DIR LINE...: the rehearsal's $OUT holds at most 8 files and its summary every LINE.
check_out() {
    local dir=$1 line; shift
    [ "$(find "$dir" -type f | wc -l)" -le 8 ] || { echo "local check: $dir holds more than 8 files"; exit 1; }
    for line in "$@"; do
        grep -q "^$line" "$dir/summary.txt" || { echo "local check: no '$line' in $dir/summary.txt"; exit 1; }
    done
}

mvn_any() {
    mvn -o "$@" && return 0
    echo "   offline Maven failed (a cold ~/.m2?): retrying online"
    mvn "$@"
}

rm -rf "$B"
mkdir -p "$B/lib" "$B/natives" "$B/shim"

step "build jars (engine-cuda and, for the benchmark, cli) with their dependency jars"
deps=(dependency:copy-dependencies -DincludeScope=test "-DoutputDirectory=$ROOT/$B/lib"
      -DexcludeGroupIds=org.junit.jupiter,org.junit.platform,org.opentest4j,org.apiguardian
      -DexcludeArtifactIds=onnxruntime)   # model-exchange's test-scope reference: 139 MB, over the tool's 64 MiB
if ! mvn_any -q -B package "${deps[@]}" -DskipTests -pl engine-cuda,engine-opencl,cli -am; then
    echo "   (cli did not build; bundling engine-cuda only, without verify, train and the benchmark)"
    rm -rf "$B/lib"/*
    mvn_any -q -B package "${deps[@]}" -DskipTests -pl engine-cuda -am
fi
cp engine-cuda/target/engine-cuda-*.jar "$B/lib/"
[ -f cli/target/convnet-cli.jar ] && cp cli/target/convnet-cli.jar "$B/lib/"
cp -r engine-cuda/target/test-classes "$B/test-classes"
[ -d engine-opencl/target/test-classes ] && cp -r engine-opencl/target/test-classes "$B/opencl-test-classes"

step "OpenCL ICD loader for the opencl phase (the GPU machine may have NVIDIA's driver but no loader)"
# No early `exit` in awk: under pipefail, ldconfig's SIGPIPE would stop this script at random.
loader=$(ldconfig -p | awk '$1 == "libOpenCL.so.1" && !found { print $NF; found = 1 }')
if [ -n "$loader" ]; then
    mkdir -p "$B/ocl"
    cp -L "$loader" "$B/ocl/libOpenCL.so"
    cp -L "$loader" "$B/ocl/libOpenCL.so.1"
else
    echo "   no libOpenCL.so.1 here (apt-get install ocl-icd-libopencl1): the opencl phase will use the machine's own"
fi

step "junit-platform-console-standalone $JUNIT_PLATFORM"
get=(dependency:copy "-Dartifact=org.junit.platform:junit-platform-console-standalone:$JUNIT_PLATFORM" "-DoutputDirectory=$ROOT/$B/lib")
mvn_any -q -B "${get[@]}" -pl kernels

step "test-data jar without Fashion-MNIST (30 MB the work tree already carries)"
for j in "$B"/lib/test-data-*.jar; do
    zip -q -d "$j" 'io/github/convnet4j/testdata/fashion-mnist/*' || true
done

step "JCuda JNI libraries unpacked to $B/natives (the PTX compiler library is not used)"
for j in "$B"/lib/*-natives-"$JCUDA"-linux-x86_64.jar; do
    unzip -o -q -j "$j" 'lib/*.so' -x '*NvPTXCompiler*' -d "$B/natives"
    rm "$j"
done
ls "$B/natives"

step "compatibility shims: libcublas.so.12 -> .so.13, libnvrtc.so.12 -> .so.13 (GPU test machine only)"
shim=""
for d in "$ROOT/../shared/gpu" "$ROOT/../../shared/gpu" "$ROOT/shared/gpu" /work/shared/gpu; do
    [ -f "$d/make-compat-shim.py" ] && { shim="$d/make-compat-shim.py"; break; }
done
[ -n "$shim" ] || { echo "make-compat-shim.py not found (looked in ../shared/gpu and ../../shared/gpu)"; exit 1; }
python3 "$shim" "$B/natives/libJCublas2-$JCUDA-linux-x86_64.so" libcublas.so.12 libcublas.so.13 "$B/shim" 15
python3 "$shim" "$B/natives/libJNvrtc-$JCUDA-linux-x86_64.so" libnvrtc.so.12 libnvrtc.so.13 "$B/shim" 11
rm -f "$B"/shim/*.c "$B"/shim/*.map

step "Java runtime (jlink: $MODULES), stripped and packed"
# --compress=0: xz packs the plain module image to 12 MB, the zip-compressed one only to 19 MB.
jlink --add-modules "$MODULES" --strip-debug --compress=0 --no-header-files --no-man-pages --output "$B/jre" 2>&1 | grep -v incubator || true
strip --strip-unneeded "$B/jre/lib/server/libjvm.so" 2>/dev/null || true
if [ "$check" = 1 ]; then
    step "local rehearsal of the first call: every phase with the bundle's runtime and class path (CUDA tests skip: no GPU; cpu stands in)"
    RUN_ON_GPU_LOCAL_CHECK=1 OUT="$ROOT/$B/local-check" bash engine-cuda/gpu/run-on-gpu.sh all || true   # check_out judges
    check_out "$B/local-check" "tests: exit status 0" "verify: exit status 0" "train on cpu: exit status 0" \
        "bench ours keras-mnist: exit status 0" "bench pytorch keras-mnist: exit status 0" "overall: every phase passed"
    if [ -d "$B/opencl-test-classes" ] && [ -f /etc/OpenCL/vendors/pocl.icd ]; then
        step "local rehearsal of the opencl phase, with PoCL standing in for NVIDIA's driver"
        RUN_ON_GPU_LOCAL_CHECK=1 OUT="$ROOT/$B/local-check-ocl" bash engine-cuda/gpu/run-on-gpu.sh opencl || true
        check_out "$B/local-check-ocl" "opencl tests: exit status 0"
    fi
fi
tar -C "$B" -cJf "$B/runtime.txz" jre natives
rm -rf "$B/jre" "$B/natives" "$B/local-check" "$B/local-check-ocl" "$B/ocl/vendors" "$B/work"

{
    echo "commit $(git rev-parse HEAD)$(git diff --quiet HEAD -- . ':!.gpu' || echo ' (with uncommitted changes)')"
    echo "built $(date -u +%FT%TZ) on $(uname -m)"
} > "$B/MANIFEST.txt"
tree_bytes=$(git ls-files -z | xargs -0 cat 2>/dev/null | wc -c)
bundle_bytes=$(du -sb "$B" | cut -f1)
echo "== done: $B is $((bundle_bytes / 1048576)) MiB; tracked files $((tree_bytes / 1048576)) MiB; the device tool takes 64 MiB in all"
[ $((tree_bytes + bundle_bytes)) -lt $((64 * 1048576)) ] || echo "WARNING: over the device tool's 64 MiB"
