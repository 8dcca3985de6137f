// Reductions to one scalar. Pass 1 writes one double partial per block; pass 2 (finalize_sum_f64,
// one block) adds the partials in a fixed order and scales. Accumulating in double keeps sums of
// millions of floats close to the CPU reference. Losses reuse finalize_sum_f64.
#include "common.cuh"

#define MODE_SUM 0
#define MODE_SUM_OF_SQUARES 1
#define MODE_SUM_OF_ABS 2

extern "C" __global__ void reduce_partial_f32(const float* x, double* partials, int mode, long long n) {
    double acc = 0.0;
    GRID_STRIDE_LOOP(i, n) {
        const double v = x[i];
        acc += mode == MODE_SUM ? v : (mode == MODE_SUM_OF_SQUARES ? v * v : fabs(v));
    }
    acc = block_sum(acc);
    if (threadIdx.x == 0) partials[blockIdx.x] = acc;
}

// partials[resultIndex] = scale * sum of partials[0, count); resultIndex >= count.
extern "C" __global__ void finalize_sum_f64(double* partials, int count, double scale, int resultIndex) {
    double acc = 0.0;
    for (int i = threadIdx.x; i < count; i += blockDim.x) acc += partials[i];
    acc = block_sum(acc);
    if (threadIdx.x == 0) partials[resultIndex] = acc * scale;
}

// Index of the first maximum of row[0, cols) computed by one warp; valid in every lane.
__device__ int warp_first_argmax(const float* row, int cols) {
    const int lane = threadIdx.x & 31;
    const int none = 0x7fffffff;
    float best = 0.0f;
    int bestIndex = none;
    for (int j = lane; j < cols; j += 32) {
        const float v = row[j];
        if (bestIndex == none || v > best) { best = v; bestIndex = j; }
    }
    for (int offset = 16; offset > 0; offset >>= 1) {
        const float otherValue = __shfl_down_sync(0xffffffffu, best, offset);
        const int otherIndex = __shfl_down_sync(0xffffffffu, bestIndex, offset);
        if (otherIndex != none &&
            (bestIndex == none || otherValue > best || (otherValue == best && otherIndex < bestIndex))) {
            best = otherValue;
            bestIndex = otherIndex;
        }
    }
    return __shfl_sync(0xffffffffu, bestIndex, 0);
}

// One warp per row of scores (rows, cols) and targets (rows, cols), cols >= 2.
extern "C" __global__ void argmax_matches_f32(const float* scores, const float* targets, double* partials,
                                              int rows, int cols) {
    const int warpsPerBlock = blockDim.x >> 5;
    const int lane = threadIdx.x & 31;
    double count = 0.0;
    for (long long row = (long long)blockIdx.x * warpsPerBlock + (threadIdx.x >> 5); row < rows;
         row += (long long)gridDim.x * warpsPerBlock) {
        const int s = warp_first_argmax(scores + row * cols, cols);
        const int t = warp_first_argmax(targets + row * cols, cols);
        if (lane == 0 && s == t) count += 1.0;
    }
    count = block_sum(count);
    if (threadIdx.x == 0) partials[blockIdx.x] = count;
}

// cols == 1: a row matches when (score >= 0) == (target >= 0.5).
extern "C" __global__ void binary_matches_f32(const float* scores, const float* targets, double* partials, long long rows) {
    double count = 0.0;
    GRID_STRIDE_LOOP(i, rows) {
        if ((scores[i] >= 0.0f) == (targets[i] >= 0.5f)) count += 1.0;
    }
    count = block_sum(count);
    if (threadIdx.x == 0) partials[blockIdx.x] = count;
}
