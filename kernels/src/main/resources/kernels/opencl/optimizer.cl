/*
 * In-place parameter updates (Keras formulas), one work-item per element. Step-dependent factors
 * (Adam's bias correction) are folded into the learning rate on the host in double precision.
 */

/* w -= lr g */
__kernel void sgd(__global float* w, __global const float* g, const int n, const float lr)
{
    const int i = get_global_id(0);
    if (i >= n) return;
    w[i] -= lr * g[i];
}

/* v = m v - lr g; w += v, or with Nesterov w += m v - lr g. */
__kernel void sgd_momentum(__global float* w, __global const float* g, __global float* velocity,
                           const int n, const float lr, const float momentum, const int nesterov)
{
    const int i = get_global_id(0);
    if (i >= n) return;
    const float gi = g[i];
    const float v = momentum * velocity[i] - lr * gi;
    velocity[i] = v;
    w[i] += nesterov ? momentum * v - lr * gi : v;
}

/* m += (1-b1)(g - m); v += (1-b2)(g^2 - v); w -= lrCorrected m / (sqrt(v) + eps). */
__kernel void adam(__global float* w, __global const float* g, __global float* m, __global float* v,
                   const int n, const float lrCorrected, const float oneMinusBeta1,
                   const float oneMinusBeta2, const float epsilon)
{
    const int i = get_global_id(0);
    if (i >= n) return;
    const float gi = g[i];
    const float mi = m[i] + oneMinusBeta1 * (gi - m[i]);
    const float vi = v[i] + oneMinusBeta2 * (gi * gi - v[i]);
    m[i] = mi;
    v[i] = vi;
    w[i] -= lrCorrected * mi / (sqrt(vi) + epsilon);
}

/* s = rho s + (1-rho) g^2; w -= lr g / (sqrt(s) + eps). */
__kernel void rmsprop(__global float* w, __global const float* g, __global float* meanSquare,
                      const int n, const float lr, const float rho, const float epsilon)
{
    const int i = get_global_id(0);
    if (i >= n) return;
    const float gi = g[i];
    const float s = rho * meanSquare[i] + (1.0f - rho) * gi * gi;
    meanSquare[i] = s;
    w[i] -= lr * gi / (sqrt(s) + epsilon);
}
