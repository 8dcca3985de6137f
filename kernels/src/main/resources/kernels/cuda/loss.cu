// Fused losses: each kernel writes the gradient (when grad != NULL) and one double partial
// loss per block; finalize_sum_f64 in reduction.cu adds the partials and divides by the count.
#include "common.cuh"

// Softmax cross-entropy on logits z (rows, cols), one warp per row, max subtracted:
// loss_row = sum_t * log(sum exp(z - m)) - sum t (z - m); grad = (softmax * sum_t - t) * gradScale.
extern "C" __global__ void softmax_cross_entropy_f32(const float* z, const float* t, float* grad, double* partials,
                                                     int rows, int cols, float gradScale) {
    const int warpsPerBlock = blockDim.x >> 5;
    const int lane = threadIdx.x & 31;
    const unsigned full = 0xffffffffu;
    double acc = 0.0;
    for (long long row = (long long)blockIdx.x * warpsPerBlock + (threadIdx.x >> 5); row < rows;
         row += (long long)gridDim.x * warpsPerBlock) {
        const float* zr = z + row * cols;
        const float* tr = t + row * cols;
        float m = __int_as_float(0xff800000);  // -infinity
        for (int j = lane; j < cols; j += 32) m = fmaxf(m, zr[j]);
        m = __shfl_sync(full, warp_max_f(m), 0);
        float sumExp = 0.0f, sumT = 0.0f, sumTz = 0.0f;
        for (int j = lane; j < cols; j += 32) {
            const float d = zr[j] - m;
            sumExp += expf(d);
            sumT += tr[j];
            sumTz += tr[j] * d;
        }
        sumExp = __shfl_sync(full, warp_sum_f(sumExp), 0);
        sumT = __shfl_sync(full, warp_sum_f(sumT), 0);
        sumTz = __shfl_sync(full, warp_sum_f(sumTz), 0);
        if (grad != 0) {
            float* gr = grad + row * cols;
            for (int j = lane; j < cols; j += 32) gr[j] = (expf(zr[j] - m) / sumExp * sumT - tr[j]) * gradScale;
        }
        if (lane == 0) acc += (double)sumT * log((double)sumExp) - (double)sumTz;
    }
    acc = block_sum(acc);
    if (threadIdx.x == 0) partials[blockIdx.x] = acc;
}

// Per element max(z, 0) - z t + log(1 + exp(-|z|)); grad (sigmoid(z) - t) * gradScale.
extern "C" __global__ void sigmoid_binary_cross_entropy_f32(const float* z, const float* t, float* grad, double* partials,
                                                            long long n, float gradScale) {
    double acc = 0.0;
    GRID_STRIDE_LOOP(i, n) {
        const float zi = z[i];
        const float ti = t[i];
        acc += (double)(fmaxf(zi, 0.0f) - zi * ti) + (double)log1pf(expf(-fabsf(zi)));
        if (grad != 0) grad[i] = (stable_sigmoid(zi) - ti) * gradScale;
    }
    acc = block_sum(acc);
    if (threadIdx.x == 0) partials[blockIdx.x] = acc;
}

// (o - t)^2; grad 2 (o - t) * gradScale.
extern "C" __global__ void mean_squared_error_f32(const float* o, const float* t, float* grad, double* partials,
                                                  long long n, float gradScale) {
    double acc = 0.0;
    GRID_STRIDE_LOOP(i, n) {
        const float d = o[i] - t[i];
        acc += (double)d * d;
        if (grad != 0) grad[i] = 2.0f * d * gradScale;
    }
    acc = block_sum(acc);
    if (threadIdx.x == 0) partials[blockIdx.x] = acc;
}

// |o - t|; grad sign(o - t) * gradScale with sign(0) = 0.
extern "C" __global__ void mean_absolute_error_f32(const float* o, const float* t, float* grad, double* partials,
                                                   long long n, float gradScale) {
    double acc = 0.0;
    GRID_STRIDE_LOOP(i, n) {
        const float d = o[i] - t[i];
        acc += fabs((double)d);
        if (grad != 0) grad[i] = (d > 0.0f ? 1.0f : (d < 0.0f ? -1.0f : 0.0f)) * gradScale;
    }
    acc = block_sum(acc);
    if (threadIdx.x == 0) partials[blockIdx.x] = acc;
}
