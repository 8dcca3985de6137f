// Explicit zero padding for convolutions with asymmetric padding (cuDNN takes one pad per axis), 2-D and 3-D.
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

// The 3-D forms: planes = N*C; source (planes, d, h, w), padded (planes, dp, hp, wp), content at
// offset (front, top, left). Writes every element of dst.
extern "C" __global__ void pad_ncdhw_f32(const float* src, float* dst, long long planes, int d, int h, int w,
                                         int dp, int hp, int wp, int front, int top, int left) {
    const long long n = planes * dp * hp * wp;
    GRID_STRIDE_LOOP(i, n) {
        const int x = (int)(i % wp);
        const int y = (int)((i / wp) % hp);
        const int z = (int)((i / ((long long)wp * hp)) % dp);
        const long long plane = i / ((long long)wp * hp * dp);
        const int sz = z - front;
        const int sy = y - top;
        const int sx = x - left;
        dst[i] = (sz >= 0 && sz < d && sy >= 0 && sy < h && sx >= 0 && sx < w)
                ? src[((plane * d + sz) * h + sy) * w + sx] : 0.0f;
    }
}

// dst (planes, d, h, w) = the (front, top, left)-offset window of src (planes, dp, hp, wp).
extern "C" __global__ void crop_ncdhw_f32(const float* src, float* dst, long long planes, int d, int h, int w,
                                          int dp, int hp, int wp, int front, int top, int left) {
    const long long n = planes * d * h * w;
    GRID_STRIDE_LOOP(i, n) {
        const int x = (int)(i % w);
        const int y = (int)((i / w) % h);
        const int z = (int)((i / ((long long)w * h)) % d);
        const long long plane = i / ((long long)w * h * d);
        dst[i] = src[((plane * dp + z + front) * hp + y + top) * wp + x + left];
    }
}
