// Fused losses: each kernel writes the gradient (when grad != NULL) and one double partial
// loss per block; finalize_sum_f64 in reduction.cu adds the partials and divides by the count.
#include "common.cuh"

// Softmax cross-entropy on logits z (rows, cols), one warp per row. With m = max z, rest = the sum
// of exp(z - m) over the entries below m, c = the count of entries equal to m and
// L = log1p((c - 1) + rest) = log(sum exp(z - m)):
// loss_row = sum_t * L - sum t (z - m); grad = (softmax * sum_t - t) * gradScale.
// A confident row has p near 1 at its maximum, where p * T - t would cancel in float and keep only
// the bits of 1 - p that survived rounding p; a unique maximum therefore takes its gradient from
// the complement 1 - p = rest / (1 + rest): p T - t = (T - t) - T (1 - p). (As loss.cl.)
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
        float rest = 0.0f, atMax = 0.0f, sumT = 0.0f, sumTz = 0.0f;
        for (int j = lane; j < cols; j += 32) {
            const float d = zr[j] - m;
            if (d < 0.0f) rest += expf(d);
            else atMax += 1.0f;
            sumT += tr[j];
            sumTz += tr[j] * d;
        }
        rest = __shfl_sync(full, warp_sum_f(rest), 0);
        atMax = __shfl_sync(full, warp_sum_f(atMax), 0);
        sumT = __shfl_sync(full, warp_sum_f(sumT), 0);
        sumTz = __shfl_sync(full, warp_sum_f(sumTz), 0);
        if (grad != 0) {
            float* gr = grad + row * cols;
            const float logSum = log1pf((atMax - 1.0f) + rest);
            const float complement = rest / (1.0f + rest);
            for (int j = lane; j < cols; j += 32) {
                const float zj = zr[j], tj = tr[j];
                const float g = (zj == m && atMax == 1.0f) ? (sumT - tj) - sumT * complement
                                                           : expf((zj - m) - logSum) * sumT - tj;
                gr[j] = g * gradScale;
            }
        }
        if (lane == 0) acc += (double)sumT * log1p((double)(atMax - 1.0f) + (double)rest) - (double)sumTz;
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
