/*
 * Pointwise activations and row softmax. The kind codes match Activation.Kind's ordinal order:
 * LINEAR 0, RELU 1, LEAKY_RELU 2, ELU 3, SIGMOID 4, TANH 5, SWISH 6 (SOFTMAX has its own kernels).
 * y and x may be the same buffer, and so may dx and dy: each work-item reads its element before
 * writing it.
 */
#define KIND_LINEAR 0
#define KIND_RELU 1
#define KIND_LEAKY_RELU 2
#define KIND_ELU 3
#define KIND_SIGMOID 4
#define KIND_TANH 5
#define KIND_SWISH 6

/* Written so that neither branch overflows exp. */
inline float stable_sigmoid(const float x)
{
    if (x >= 0.0f) return 1.0f / (1.0f + exp(-x));
    const float e = exp(x);
    return e / (1.0f + e);
}

__kernel void activation_forward(__global const float* x, __global float* y, const int n,
                                 const int kind, const float alpha)
{
    const int i = get_global_id(0);
    if (i >= n) return;
    const float v = x[i];
    float r;
    switch (kind) {
        case KIND_RELU: r = v > 0.0f ? v : 0.0f; break;
        case KIND_LEAKY_RELU: r = v > 0.0f ? v : alpha * v; break;
        case KIND_ELU: r = v > 0.0f ? v : alpha * (exp(v) - 1.0f); break;
        case KIND_SIGMOID: r = stable_sigmoid(v); break;
        case KIND_TANH: r = tanh(v); break;
        case KIND_SWISH: r = v * stable_sigmoid(v); break;
        default: r = v; break;
    }
    y[i] = r;
}

/* Derivatives from x alone, so the caller's y is never needed for these kinds. */
__kernel void activation_backward(__global const float* x, __global const float* dy,
                                  __global float* dx, const int n, const int kind, const float alpha)
{
    const int i = get_global_id(0);
    if (i >= n) return;
    const float v = x[i];
    float d;
    switch (kind) {
        case KIND_RELU: d = v > 0.0f ? 1.0f : 0.0f; break;
        case KIND_LEAKY_RELU: d = v > 0.0f ? 1.0f : alpha; break;
        case KIND_ELU: d = v > 0.0f ? 1.0f : alpha * exp(v); break;
        case KIND_SIGMOID: { const float s = stable_sigmoid(v); d = s * (1.0f - s); break; }
        case KIND_TANH: { const float t = tanh(v); d = 1.0f - t * t; break; }
        case KIND_SWISH: { const float s = stable_sigmoid(v); d = s * (1.0f + v * (1.0f - s)); break; }
        default: d = 1.0f; break;
    }
    dx[i] = dy[i] * d;
}

/* Tree reductions over a power-of-two work-group; every work-item gets the result. */
inline float group_max(__local float* tmp, float v)
{
    const int lid = get_local_id(0);
    tmp[lid] = v;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int s = get_local_size(0) / 2; s > 0; s >>= 1) {
        if (lid < s) tmp[lid] = fmax(tmp[lid], tmp[lid + s]);
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    const float r = tmp[0];
    barrier(CLK_LOCAL_MEM_FENCE);
    return r;
}

inline float group_sum(__local float* tmp, float v)
{
    const int lid = get_local_id(0);
    tmp[lid] = v;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int s = get_local_size(0) / 2; s > 0; s >>= 1) {
        if (lid < s) tmp[lid] += tmp[lid + s];
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    const float r = tmp[0];
    barrier(CLK_LOCAL_MEM_FENCE);
    return r;
}

/* One work-group per row of the (rows, cols) view; the maximum is subtracted before exp. */
__kernel void softmax_forward(__global const float* x, __global float* y, const int cols,
                              __local float* tmp)
{
    const int row = get_group_id(0), lid = get_local_id(0), ls = get_local_size(0);
    __global const float* xr = x + row * cols;
    __global float* yr = y + row * cols;
    float m = -INFINITY;
    for (int j = lid; j < cols; j += ls) m = fmax(m, xr[j]);
    m = group_max(tmp, m);
    float s = 0.0f;
    for (int j = lid; j < cols; j += ls) s += exp(xr[j] - m);
    s = group_sum(tmp, s);
    const float inv = 1.0f / s;
    for (int j = lid; j < cols; j += ls) yr[j] = exp(xr[j] - m) * inv;
}

/* dx_i = y_i (dy_i - sum_j dy_j y_j), one work-group per row. */
__kernel void softmax_backward(__global const float* y, __global const float* dy, __global float* dx,
                               const int cols, __local float* tmp)
{
    const int row = get_group_id(0), lid = get_local_id(0), ls = get_local_size(0);
    __global const float* yr = y + row * cols;
    __global const float* dyr = dy + row * cols;
    __global float* dxr = dx + row * cols;
    float dot = 0.0f;
    for (int j = lid; j < cols; j += ls) dot += dyr[j] * yr[j];
    dot = group_sum(tmp, dot);
    for (int j = lid; j < cols; j += ls) dxr[j] = yr[j] * (dyr[j] - dot);
}
