/*
 * Depthwise convolution: x (N, C, H, W), filters (C*M, 1, R, S), y (N, C*M, P, Q); output channel
 * o reads input channel o / M. Forward: one work-item per output value. Backward data is a gather,
 * one work-item per input value, walking the (j, r, s) taps that read it, so there are no atomics.
 * Backward filter: one work-item per filter tap, summing over the batch and the output plane.
 * Ranges are 3-D (column, row, plane); dimension 0 is rounded up by the host, hence its bounds check.
 */

__kernel void depthwise_forward(__global const float* x, __global const float* w, __global const float* bias,
                                __global float* y, const int hasBias,
                                const int C, const int M, const int H, const int W, const int R, const int S,
                                const int P, const int Q, const int strideH, const int strideW,
                                const int padTop, const int padLeft, const int dilationH, const int dilationW)
{
    const int q = get_global_id(0);
    if (q >= Q) return;
    const int p = get_global_id(1), plane = get_global_id(2);
    const int K = C * M, o = plane % K, n = plane / K;
    __global const float* xp = x + (n * C + o / M) * H * W;
    __global const float* wp = w + o * R * S;
    float sum = 0.0f;
    for (int r = 0; r < R; r++) {
        const int ih = p * strideH - padTop + r * dilationH;
        if (ih < 0 || ih >= H) continue;
        for (int s = 0; s < S; s++) {
            const int iw = q * strideW - padLeft + s * dilationW;
            if (iw < 0 || iw >= W) continue;
            sum += xp[ih * W + iw] * wp[r * S + s];
        }
    }
    if (hasBias) sum += bias[o];
    y[(plane * P + p) * Q + q] = sum;
}

__kernel void depthwise_backward_data(__global const float* dy, __global const float* w, __global float* dx,
                                      const int C, const int M, const int H, const int W, const int R, const int S,
                                      const int P, const int Q, const int strideH, const int strideW,
                                      const int padTop, const int padLeft, const int dilationH, const int dilationW)
{
    const int iw = get_global_id(0);
    if (iw >= W) return;
    const int ih = get_global_id(1), plane = get_global_id(2);
    const int c = plane % C, n = plane / C, K = C * M;
    float sum = 0.0f;
    for (int j = 0; j < M; j++) {
        const int o = c * M + j;
        __global const float* dyp = dy + (n * K + o) * P * Q;
        __global const float* wp = w + o * R * S;
        for (int r = 0; r < R; r++) {
            const int ph = ih + padTop - r * dilationH;
            if (ph < 0 || ph % strideH != 0) continue;
            const int p = ph / strideH;
            if (p >= P) continue;
            for (int s = 0; s < S; s++) {
                const int qw = iw + padLeft - s * dilationW;
                if (qw < 0 || qw % strideW != 0) continue;
                const int q = qw / strideW;
                if (q >= Q) continue;
                sum += dyp[p * Q + q] * wp[r * S + s];
            }
        }
    }
    dx[(plane * H + ih) * W + iw] = sum;
}

__kernel void depthwise_backward_filter(__global const float* x, __global const float* dy, __global float* dw,
                                        const int N, const int C, const int M, const int H, const int W, const int R, const int S,
                                        const int P, const int Q, const int strideH, const int strideW,
                                        const int padTop, const int padLeft, const int dilationH, const int dilationW)
{
    const int tap = get_global_id(0);
    const int K = C * M;
    if (tap >= K * R * S) return;
    const int o = tap / (R * S), r = tap / S % R, s = tap % S;
    float sum = 0.0f;
    for (int n = 0; n < N; n++) {
        __global const float* xp = x + (n * C + o / M) * H * W;
        __global const float* dyp = dy + (n * K + o) * P * Q;
        for (int p = 0; p < P; p++) {
            const int ih = p * strideH - padTop + r * dilationH;
            if (ih < 0 || ih >= H) continue;
            for (int q = 0; q < Q; q++) {
                const int iw = q * strideW - padLeft + s * dilationW;
                if (iw < 0 || iw >= W) continue;
                sum += dyp[p * Q + q] * xp[ih * W + iw];
            }
        }
    }
    dw[tap] = sum;
}
