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
 * One work-group per row. With m = max z, L = log(sum_i exp(z_i - m)) and p_i = exp(z_i - m - L):
 * loss = sum_i t_i ((m - z_i) + L), which is -sum_i t_i log p_i, and gradient
 * (p_i * sum_j t_j - t_i) * gradScale.
 * A confident row has p near 1 at its maximum, where p * T - t would cancel in float and keep only
 * the few bits of 1 - p that survived rounding p (a row with 1 - p = 1e-6 lost 5% of its gradient).
 * So the sum leaves out the entries equal to the maximum (count c), rest = sum over z_i < m of
 * exp(z_i - m), L = log1p((c - 1) + rest), and a unique maximum takes its gradient from the
 * complement 1 - p = rest / (1 + rest), computed from small terms without cancellation:
 * p T - t = (T - t) - T (1 - p). A tied maximum has p <= 1/2 and needs no complement.
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
    float rest = 0.0f, atMax = 0.0f;
    for (int j = lid; j < cols; j += ls) {
        const float zj = zr[j];
        if (zj < m) rest += exp(zj - m);
        else atMax += 1.0f;
    }
    rest = group_reduce(tmp, rest, 0);
    atMax = group_reduce(tmp, atMax, 0);
    const float logSum = log1p((atMax - 1.0f) + rest);
    float loss = 0.0f, targetSum = 0.0f;
    for (int j = lid; j < cols; j += ls) {
        const float tj = tr[j];
        if (tj != 0.0f) loss += tj * ((m - zr[j]) + logSum);
        targetSum += tj;
    }
    loss = group_reduce(tmp, loss, 0);
    targetSum = group_reduce(tmp, targetSum, 0);
    if (writeGrad) {
        __global float* gr = grad + row * cols;
        const float complement = rest / (1.0f + rest);
        for (int j = lid; j < cols; j += ls) {
            const float zj = zr[j], tj = tr[j];
            const float g = zj == m && atMax == 1.0f ? (targetSum - tj) - targetSum * complement
                                                     : exp((zj - m) - logSum) * targetSum - tj;
            gr[j] = g * gradScale;
        }
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
