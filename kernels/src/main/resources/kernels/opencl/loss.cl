/*
 * Fused losses: each kernel writes dLoss/dOutput (when asked) and one loss term per row or element
 * into `terms`; the host sums the terms on the device (reduction.cl) and reads back one scalar.
 * gradScale is 1/N for the softmax cross-entropy and 1/(N*F) for the element-wise losses.
 */
#define KIND_SIGMOID_BCE 1
#define KIND_MSE 2
#define KIND_MAE 3

inline float stable_sigmoid(const float x)
{
    if (x >= 0.0f) return 1.0f / (1.0f + exp(-x));
    const float e = exp(x);
    return e / (1.0f + e);
}

inline float group_reduce(__local float* tmp, float v, const int isMax)
{
    const int lid = get_local_id(0);
    tmp[lid] = v;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int s = get_local_size(0) / 2; s > 0; s >>= 1) {
        if (lid < s) tmp[lid] = isMax ? fmax(tmp[lid], tmp[lid + s]) : tmp[lid] + tmp[lid + s];
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    const float r = tmp[0];
    barrier(CLK_LOCAL_MEM_FENCE);
    return r;
}

/*
 * One work-group per row: loss = sum_i t_i (lse - z_i) with lse = max + log(sum exp(z - max)),
 * which is -sum_i t_i log softmax(z)_i; gradient (softmax(z)_i * sum_j t_j - t_i) * gradScale.
 */
__kernel void softmax_cross_entropy(__global const float* z, __global const float* t,
                                    __global float* grad, __global float* terms, const int cols,
                                    const float gradScale, const int writeGrad, __local float* tmp)
{
    const int row = get_group_id(0), lid = get_local_id(0), ls = get_local_size(0);
    __global const float* zr = z + row * cols;
    __global const float* tr = t + row * cols;
    float m = -INFINITY;
    for (int j = lid; j < cols; j += ls) m = fmax(m, zr[j]);
    m = group_reduce(tmp, m, 1);
    float s = 0.0f;
    for (int j = lid; j < cols; j += ls) s += exp(zr[j] - m);
    s = group_reduce(tmp, s, 0);
    const float lse = m + log(s);
    float loss = 0.0f, targetSum = 0.0f;
    for (int j = lid; j < cols; j += ls) {
        const float tj = tr[j];
        if (tj != 0.0f) loss += tj * (lse - zr[j]);
        targetSum += tj;
    }
    loss = group_reduce(tmp, loss, 0);
    targetSum = group_reduce(tmp, targetSum, 0);
    if (writeGrad) {
        __global float* gr = grad + row * cols;
        for (int j = lid; j < cols; j += ls)
            gr[j] = (exp(zr[j] - lse) * targetSum - tr[j]) * gradScale;
    }
    if (lid == 0) terms[row] = loss;
}

/* Per element: BCE on logits max(z,0) - z t + log(1 + exp(-|z|)), squared or absolute error. */
__kernel void elementwise_loss(__global const float* o, __global const float* t,
                               __global float* grad, __global float* terms, const int n,
                               const int kind, const float gradScale, const int writeGrad)
{
    const int i = get_global_id(0);
    if (i >= n) return;
    const float v = o[i], target = t[i];
    float term, g;
    if (kind == KIND_SIGMOID_BCE) {
        term = fmax(v, 0.0f) - v * target + log1p(exp(-fabs(v)));
        g = stable_sigmoid(v) - target;
    } else if (kind == KIND_MSE) {
        const float d = v - target;
        term = d * d;
        g = 2.0f * d;
    } else {
        const float d = v - target;
        term = fabs(d);
        g = d > 0.0f ? 1.0f : (d < 0.0f ? -1.0f : 0.0f);
    }
    terms[i] = term;
    if (writeGrad) grad[i] = g * gradScale;
}
