// Helpers shared by the convnet4j CUDA kernels. Compiled by NVRTC at run time, so no system
// headers: only CUDA built-ins. Every kernel is extern "C" so the host looks it up by its plain name.
#pragma once

// Grid-stride loop over [0, n): kernels are launched with a capped grid, so one thread may
// handle several elements.
#define GRID_STRIDE_LOOP(i, n) \
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < (n); \
         i += (long long)blockDim.x * gridDim.x)

__device__ __forceinline__ double warp_sum(double v) {
    for (int offset = 16; offset > 0; offset >>= 1) v += __shfl_down_sync(0xffffffffu, v, offset);
    return v;
}

__device__ __forceinline__ float warp_sum_f(float v) {
    for (int offset = 16; offset > 0; offset >>= 1) v += __shfl_down_sync(0xffffffffu, v, offset);
    return v;
}

__device__ __forceinline__ float warp_max_f(float v) {
    for (int offset = 16; offset > 0; offset >>= 1) v = fmaxf(v, __shfl_down_sync(0xffffffffu, v, offset));
    return v;
}

// Sum of v over the whole block, valid in thread 0. blockDim.x must be a multiple of 32 (<= 1024).
// The fixed tree order makes results reproducible run to run.
__device__ double block_sum(double v) {
    __shared__ double warp_totals[32];
    const int lane = threadIdx.x & 31;
    const int warp = threadIdx.x >> 5;
    __syncthreads();  // a previous call may still be reading warp_totals
    v = warp_sum(v);
    if (lane == 0) warp_totals[warp] = v;
    __syncthreads();
    const int warps = blockDim.x >> 5;
    v = (threadIdx.x < warps) ? warp_totals[threadIdx.x] : 0.0;
    if (warp == 0) v = warp_sum(v);
    return v;
}

__device__ __forceinline__ float stable_sigmoid(float z) {
    if (z >= 0.0f) return 1.0f / (1.0f + expf(-z));
    const float e = expf(z);
    return e / (1.0f + e);
}
