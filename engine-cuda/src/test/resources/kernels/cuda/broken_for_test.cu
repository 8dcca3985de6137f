// Test fixture: must NOT compile, so the test can check that NVRTC's log reaches the exception.
#include "common.cuh"

extern "C" __global__ void broken(float* x, long long n) {
    GRID_STRIDE_LOOP(i, n) x[i] = undefined_thing_for_the_test;
}
