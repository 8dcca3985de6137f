// Optimizer updates (Keras formulas, see OptimizerOps). Hyper-parameters arrive as float;
// the bias-corrected Adam step size is computed on the host in double.
#include "common.cuh"

extern "C" __global__ void sgd_f32(float* w, const float* g, float lr, long long n) {
    GRID_STRIDE_LOOP(i, n) w[i] -= lr * g[i];
}

// v = m v - lr g; w += v, or with Nesterov w += m v - lr g.
extern "C" __global__ void sgd_momentum_f32(float* w, const float* g, float* v, float lr, float momentum,
                                            int nesterov, long long n) {
    GRID_STRIDE_LOOP(i, n) {
        const float gi = g[i];
        const float vi = momentum * v[i] - lr * gi;
        v[i] = vi;
        w[i] += nesterov ? momentum * vi - lr * gi : vi;
    }
}

// m += (1-b1)(g - m); v += (1-b2)(g^2 - v); w -= step m / (sqrt(v) + eps).
extern "C" __global__ void adam_f32(float* w, const float* g, float* m, float* v, float step,
                                    float oneMinusBeta1, float oneMinusBeta2, float eps, long long n) {
    GRID_STRIDE_LOOP(i, n) {
        const float gi = g[i];
        float mi = m[i];
        float vi = v[i];
        mi += oneMinusBeta1 * (gi - mi);
        vi += oneMinusBeta2 * (gi * gi - vi);
        m[i] = mi;
        v[i] = vi;
        w[i] -= step * mi / (sqrtf(vi) + eps);
    }
}

// s = rho s + (1-rho) g^2; w -= lr g / (sqrt(s) + eps).
extern "C" __global__ void rmsprop_f32(float* w, const float* g, float* s, float lr, float rho,
                                       float oneMinusRho, float eps, long long n) {
    GRID_STRIDE_LOOP(i, n) {
        const float gi = g[i];
        const float si = rho * s[i] + oneMinusRho * gi * gi;
        s[i] = si;
        w[i] -= lr * gi / (sqrtf(si) + eps);
    }
}
