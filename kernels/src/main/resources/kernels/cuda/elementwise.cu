// Pointwise helpers of ElementwiseOps. Sizes are element counts; tensors are F32.
#include "common.cuh"

extern "C" __global__ void scale_f32(float* t, float alpha, long long n) {
    GRID_STRIDE_LOOP(i, n) t[i] *= alpha;
}

extern "C" __global__ void axpy_f32(float alpha, const float* x, float* y, long long n) {
    GRID_STRIDE_LOOP(i, n) y[i] += alpha * x[i];
}

// out may alias a or b: each element is read before it is written by the same thread.
extern "C" __global__ void add_f32(const float* a, const float* b, float* out, long long n) {
    GRID_STRIDE_LOOP(i, n) out[i] = a[i] + b[i];
}

extern "C" __global__ void multiply_f32(const float* a, const float* b, float* out, long long n) {
    GRID_STRIDE_LOOP(i, n) out[i] = a[i] * b[i];
}

// y (N, C, inner) += bias (C), inner = H*W (1 for dense activations).
extern "C" __global__ void add_bias_f32(float* y, const float* bias, int channels, long long inner, long long n) {
    GRID_STRIDE_LOOP(i, n) y[i] += bias[(i / inner) % channels];
}

// dbias[c] = sum over n and inner of dy (N, C, inner). One block per channel; the fixed
// per-thread order and tree reduction keep the result reproducible.
extern "C" __global__ void bias_grad_f32(const float* dy, float* dbias, int batch, int channels, long long inner) {
    const int c = blockIdx.x;
    const long long per_channel = (long long)batch * inner;
    double acc = 0.0;
    for (long long j = threadIdx.x; j < per_channel; j += blockDim.x) {
        const long long nIdx = j / inner;
        const long long k = j - nIdx * inner;
        acc += dy[(nIdx * channels + c) * inner + k];
    }
    acc = block_sum(acc);
    if (threadIdx.x == 0) dbias[c] = (float)acc;
}

// Inverted dropout with DropoutHash's integer steps: x = i * 0x9E3779B9 + seed (32-bit wrap),
// MurmurHash3 fmix32, u = (x >>> 8) * 2^-24. u >= rate is decided exactly on the integer:
// keep iff (x >> 8) >= threshold, threshold = ceil(rate * 2^24) computed on the host in double.
extern "C" __global__ void dropout_forward_f32(const float* x, float* y, float* mask,
                                               unsigned int threshold, float scale, int seed, long long n) {
    GRID_STRIDE_LOOP(i, n) {
        unsigned int h = (unsigned int)i * 0x9E3779B9u + (unsigned int)seed;
        h ^= h >> 16;
        h *= 0x85EBCA6Bu;
        h ^= h >> 13;
        h *= 0xC2B2AE35u;
        h ^= h >> 16;
        const float m = ((h >> 8) >= threshold) ? scale : 0.0f;
        mask[i] = m;
        y[i] = x[i] * m;
    }
}

// g += l1 * sign(w) + 2 * l2 * w, sign(0) = 0. twoL2 is 2*l2, folded on the host.
// Clamp to [lo, hi]; a NaN stays NaN (both comparisons are false).
extern "C" __global__ void clip_f32(float* t, float lo, float hi, long long n) {
    GRID_STRIDE_LOOP(i, n) {
        const float v = t[i];
        t[i] = v < lo ? lo : (v > hi ? hi : v);
    }
}

extern "C" __global__ void regularization_grad_f32(const float* w, float* g, float l1, float twoL2, long long n) {
    GRID_STRIDE_LOOP(i, n) {
        const float v = w[i];
        const float s = (v > 0.0f) ? 1.0f : ((v < 0.0f) ? -1.0f : 0.0f);
        g[i] += l1 * s + twoL2 * v;
    }
}
