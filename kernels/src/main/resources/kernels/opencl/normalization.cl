/*
 * Batch normalization over x (N, C, HW): statistics per channel c over N*HW values. The reductions
 * run one work-group per channel (power-of-two size); the element-wise kernels one work-item per
 * element over the range (HW, C, N), so no work-item divides to find its channel (dimension 0 is
 * rounded up by the host, hence its bounds check).
 */

/*
 * Runs body with i_var bound to the flat index of each of channel c's N*HW values that this
 * work-item owns (needs N, C, HW, c, lid, ls in scope; body must not contain a top-level comma).
 * Wide planes are walked contiguously without dividing; narrow ones (dense layers) flat.
 */
#define CHANNEL_LOOP(i_var, body)                                              \
    if (HW >= ls) {                                                            \
        for (int n_ = 0; n_ < N; n_++)                                         \
            for (int k_ = lid; k_ < HW; k_ += ls) {                            \
                const int i_var = (n_ * C + c) * HW + k_;                      \
                body                                                           \
            }                                                                  \
    } else {                                                                   \
        for (int j_ = lid; j_ < N * HW; j_ += ls) {                            \
            const int n_ = j_ / HW;                                            \
            const int i_var = (n_ * C + c) * HW + (j_ - n_ * HW);              \
            body                                                               \
        }                                                                      \
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

/*
 * Two passes (mean, then squared deviations) rather than E[x^2] - E[x]^2, which cancels badly in
 * float. Writes saveMean, saveInvStd = 1/sqrt(var + eps) and updates the running statistics, the
 * variance unbiased by m/(m-1) (left biased when m == 1, where the unbiased one is undefined).
 */
__kernel void bn_train_stats(__global const float* x, const int N, const int C, const int HW,
                             const float epsilon, const float factor,
                             __global float* saveMean, __global float* saveInvStd,
                             __global float* runningMean, __global float* runningVar,
                             __local float* tmp)
{
    const int c = get_group_id(0), lid = get_local_id(0), ls = get_local_size(0);
    const int m = N * HW;
    float s = 0.0f;
    CHANNEL_LOOP(at, { s += x[at]; })
    const float mean = group_sum(tmp, s) / (float) m;
    float sq = 0.0f;
    CHANNEL_LOOP(at, { const float d = x[at] - mean; sq += d * d; })
    const float var = group_sum(tmp, sq) / (float) m;
    if (lid == 0) {
        saveMean[c] = mean;
        saveInvStd[c] = 1.0f / sqrt(var + epsilon);
        const float unbiased = m > 1 ? var * ((float) m / (float) (m - 1)) : var;
        runningMean[c] = (1.0f - factor) * runningMean[c] + factor * mean;
        runningVar[c] = (1.0f - factor) * runningVar[c] + factor * unbiased;
    }
}

/* y = gamma (x - mean) invStd + beta with per-channel mean and invStd (training forward). */
__kernel void bn_normalize(__global const float* x, __global float* y,
                           __global const float* gamma, __global const float* beta,
                           __global const float* mean, __global const float* invStd,
                           const int C, const int HW)
{
    const int k = get_global_id(0);
    if (k >= HW) return;
    const int c = get_global_id(1), i = (get_global_id(2) * C + c) * HW + k;
    y[i] = gamma[c] * ((x[i] - mean[c]) * invStd[c]) + beta[c];
}

/* y = gamma (x - runningMean) / sqrt(runningVar + eps) + beta (inference forward). */
__kernel void bn_inference(__global const float* x, __global float* y,
                           __global const float* gamma, __global const float* beta,
                           __global const float* runningMean, __global const float* runningVar,
                           const int C, const int HW, const float epsilon)
{
    const int k = get_global_id(0);
    if (k >= HW) return;
    const int c = get_global_id(1), i = (get_global_id(2) * C + c) * HW + k;
    y[i] = gamma[c] * ((x[i] - runningMean[c]) / sqrt(runningVar[c] + epsilon)) + beta[c];
}

/* dbeta = sum dy, dgamma = sum dy * xhat per channel, with xhat = (x - mean) invStd. */
__kernel void bn_backward_reduce(__global const float* x, __global const float* dy,
                                 __global const float* mean, __global const float* invStd,
                                 const int N, const int C, const int HW,
                                 __global float* dgamma, __global float* dbeta, __local float* tmp)
{
    const int c = get_group_id(0), lid = get_local_id(0), ls = get_local_size(0);
    const float mu = mean[c], is = invStd[c];
    float sdy = 0.0f, sdyx = 0.0f;
    CHANNEL_LOOP(at, { const float g = dy[at]; sdy += g; sdyx += g * (x[at] - mu) * is; })
    sdy = group_sum(tmp, sdy);
    sdyx = group_sum(tmp, sdyx);
    if (lid == 0) { dbeta[c] = sdy; dgamma[c] = sdyx; }
}

/* dx = gamma invStd / m * (m dy - dbeta - xhat dgamma). */
__kernel void bn_backward_data(__global const float* x, __global const float* dy,
                               __global const float* gamma, __global const float* mean,
                               __global const float* invStd, __global const float* dgamma,
                               __global const float* dbeta, __global float* dx,
                               const int C, const int HW, const int m)
{
    const int k = get_global_id(0);
    if (k >= HW) return;
    const int c = get_global_id(1), i = (get_global_id(2) * C + c) * HW + k;
    const float is = invStd[c];
    const float xhat = (x[i] - mean[c]) * is;
    dx[i] = gamma[c] * is / (float) m * ((float) m * dy[i] - dbeta[c] - xhat * dgamma[c]);
}
