/*
 * Nearest upsampling of planes x (N*C, H, W) into y (N*C, H*fh, W*fw), and its gradient, which
 * sums each fh x fw block of dy (a gather: one work-item per input value, no atomics). Ranges are
 * 3-D (column, row, plane); dimension 0 is rounded up by the host, hence its bounds check.
 */

__kernel void upsample_forward(__global const float* x, __global float* y,
                               const int H, const int W, const int fh, const int fw)
{
    const int OW = W * fw;
    const int j = get_global_id(0);
    if (j >= OW) return;
    const int i = get_global_id(1), plane = get_global_id(2);
    y[(plane * H * fh + i) * OW + j] = x[(plane * H + i / fh) * W + j / fw];
}

__kernel void upsample_backward(__global const float* dy, __global float* dx,
                                const int H, const int W, const int fh, const int fw)
{
    const int j = get_global_id(0);
    if (j >= W) return;
    const int i = get_global_id(1), plane = get_global_id(2);
    const int OW = W * fw;
    float sum = 0.0f;
    for (int a = 0; a < fh; a++) {
        __global const float* row = dy + (plane * H * fh + i * fh + a) * OW + j * fw;
        for (int b = 0; b < fw; b++) sum += row[b];
    }
    dx[(plane * H + i) * W + j] = sum;
}
