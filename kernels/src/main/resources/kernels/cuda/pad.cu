// Explicit zero padding for convolutions with asymmetric padding (cuDNN takes one pad per axis).
// planes = N*C; source (planes, h, w), padded (planes, hp, wp), content at offset (top, left).
#include "common.cuh"

// Writes every element of dst, so dst need not be cleared first.
extern "C" __global__ void pad_nchw_f32(const float* src, float* dst, long long planes,
                                        int h, int w, int hp, int wp, int top, int left) {
    const long long n = planes * hp * wp;
    GRID_STRIDE_LOOP(i, n) {
        const int x = (int)(i % wp);
        const int y = (int)((i / wp) % hp);
        const long long plane = i / ((long long)wp * hp);
        const int sy = y - top;
        const int sx = x - left;
        dst[i] = (sy >= 0 && sy < h && sx >= 0 && sx < w) ? src[(plane * h + sy) * w + sx] : 0.0f;
    }
}

// dst (planes, h, w) = the (top, left)-offset window of src (planes, hp, wp).
extern "C" __global__ void crop_nchw_f32(const float* src, float* dst, long long planes,
                                         int h, int w, int hp, int wp, int top, int left) {
    const long long n = planes * h * w;
    GRID_STRIDE_LOOP(i, n) {
        const int x = (int)(i % w);
        const int y = (int)((i / w) % h);
        const long long plane = i / ((long long)w * h);
        dst[i] = src[(plane * hp + y + top) * wp + x + left];
    }
}
