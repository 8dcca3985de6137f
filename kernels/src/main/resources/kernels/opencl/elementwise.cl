/*
 * Element-wise helpers, one work-item per element. Outputs may alias inputs: each work-item reads
 * its element before writing it.
 */

__kernel void fill(__global float* t, const int n, const float value)
{
    const int i = get_global_id(0);
    if (i < n) t[i] = value;
}

__kernel void scale(__global float* t, const int n, const float alpha)
{
    const int i = get_global_id(0);
    if (i < n) t[i] *= alpha;
}

/* y += alpha x */
__kernel void axpy(__global const float* x, __global float* y, const int n, const float alpha)
{
    const int i = get_global_id(0);
    if (i < n) y[i] += alpha * x[i];
}

__kernel void add(__global const float* a, __global const float* b, __global float* out, const int n)
{
    const int i = get_global_id(0);
    if (i < n) out[i] = a[i] + b[i];
}

__kernel void multiply(__global const float* a, __global const float* b, __global float* out, const int n)
{
    const int i = get_global_id(0);
    if (i < n) out[i] = a[i] * b[i];
}

/* y (N, C, inner) += bias[c] over the range (inner, C, N); dimension 0 is rounded up by the host. */
__kernel void add_bias(__global float* y, __global const float* bias, const int C, const int inner)
{
    const int k = get_global_id(0);
    if (k >= inner) return;
    const int c = get_global_id(1), n = get_global_id(2);
    y[(n * C + c) * inner + k] += bias[c];
}

/* dbias[c] = sum over n and inner of dy (N, C, inner): one power-of-two work-group per channel. */
__kernel void bias_gradient(__global const float* dy, __global float* dbias,
                            const int N, const int C, const int inner, __local float* tmp)
{
    const int c = get_group_id(0), lid = get_local_id(0), ls = get_local_size(0);
    float s = 0.0f;
    if (inner >= ls) {
        /* Wide planes: walk each plane contiguously, no division. */
        for (int n = 0; n < N; n++)
            for (int k = lid; k < inner; k += ls) s += dy[(n * C + c) * inner + k];
    } else {
        const int m = N * inner;
        for (int i = lid; i < m; i += ls) {
            const int n = i / inner, k = i - n * inner;
            s += dy[(n * C + c) * inner + k];
        }
    }
    tmp[lid] = s;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int h = ls / 2; h > 0; h >>= 1) {
        if (lid < h) tmp[lid] += tmp[lid + h];
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (lid == 0) dbias[c] = tmp[0];
}

/*
 * DropoutHash.uniform in 32-bit unsigned arithmetic: x = i * 0x9E3779B9 + seed, MurmurHash3 fmix32,
 * u = (x >> 8) / 2^24. The host turns `u >= rate` into the exact integer test (x >> 8) >= threshold
 * with threshold = ceil(rate * 2^24), so no float rounding of rate can move a mask bit.
 */
__kernel void dropout_forward(__global const float* x, __global float* y, __global float* mask,
                              const int n, const uint seed, const uint threshold, const float keepScale)
{
    const int i = get_global_id(0);
    if (i >= n) return;
    uint h = (uint) i * 0x9E3779B9u + seed;
    h ^= h >> 16;
    h *= 0x85EBCA6Bu;
    h ^= h >> 13;
    h *= 0xC2B2AE35u;
    h ^= h >> 16;
    const float m = (h >> 8) >= threshold ? keepScale : 0.0f;
    mask[i] = m;
    y[i] = x[i] * m;
}

/* g += l1 sign(w) + twoL2 w */
__kernel void regularization_gradient(__global const float* w, __global float* g, const int n,
                                      const float l1, const float twoL2)
{
    const int i = get_global_id(0);
    if (i >= n) return;
    const float v = w[i];
    const float sign = v > 0.0f ? 1.0f : (v < 0.0f ? -1.0f : 0.0f);
    g[i] += l1 * sign + twoL2 * v;
}

/* Clamp to [lo, hi]; a NaN stays NaN (both comparisons are false). */
__kernel void clip(__global float* t, const int n, const float lo, const float hi)
{
    const int i = get_global_id(0);
    if (i >= n) return;
    const float v = t[i];
    t[i] = v < lo ? lo : (v > hi ? hi : v);
}
