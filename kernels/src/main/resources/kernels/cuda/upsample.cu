// Nearest upsampling of planes x (planes, h, w) into y (planes, h*fh, w*fw), and its gradient, a
// block sum gathered per input value (no atomics).
#include "common.cuh"

extern "C" __global__ void upsample_forward_f32(const float* x, float* y, long long planes, int h, int w, int fh, int fw) {
    const int oh = h * fh, ow = w * fw;
    const long long n = planes * oh * ow;
    GRID_STRIDE_LOOP(i, n) {
        const int j = (int)(i % ow);
        const int r = (int)((i / ow) % oh);
        const long long plane = i / ((long long)ow * oh);
        y[i] = x[(plane * h + r / fh) * w + j / fw];
    }
}

extern "C" __global__ void upsample_backward_f32(const float* dy, float* dx, long long planes, int h, int w, int fh, int fw) {
    const int ow = w * fw;
    const long long n = planes * h * w;
    GRID_STRIDE_LOOP(i, n) {
        const int j = (int)(i % w);
        const int r = (int)((i / w) % h);
        const long long plane = i / ((long long)w * h);
        float sum = 0.0f;
        for (int a = 0; a < fh; a++) {
            const float* row = dy + ((plane * h + r) * fh + a) * ow + (long long)j * fw;
            for (int b = 0; b < fw; b++) sum += row[b];
        }
        dx[i] = sum;
    }
}
