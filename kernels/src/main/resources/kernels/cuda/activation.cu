// Activations cuDNN does not offer with the SPI's semantics: leaky ReLU and swish.
#include "common.cuh"

// y = x > 0 ? x : alpha x
extern "C" __global__ void leaky_relu_forward_f32(const float* x, float* y, float alpha, long long n) {
    GRID_STRIDE_LOOP(i, n) {
        const float v = x[i];
        y[i] = v > 0.0f ? v : alpha * v;
    }
}

// dx = dy * (x > 0 ? 1 : alpha); dx may alias dy.
extern "C" __global__ void leaky_relu_backward_f32(const float* x, const float* dy, float* dx, float alpha, long long n) {
    GRID_STRIDE_LOOP(i, n) dx[i] = x[i] > 0.0f ? dy[i] : alpha * dy[i];
}

// y = x sigmoid(x)
extern "C" __global__ void swish_forward_f32(const float* x, float* y, long long n) {
    GRID_STRIDE_LOOP(i, n) {
        const float v = x[i];
        y[i] = v * stable_sigmoid(v);
    }
}

// d/dx [x s(x)] = s + x s (1 - s); computed from x so it does not depend on y.
extern "C" __global__ void swish_backward_f32(const float* x, const float* dy, float* dx, long long n) {
    GRID_STRIDE_LOOP(i, n) {
        const float v = x[i];
        const float s = stable_sigmoid(v);
        dx[i] = dy[i] * (s + v * s * (1.0f - s));
    }
}
