// MergeOps: channel copies, channel gates, maximum, zero padding. Tensors are F32; sizes are
// element counts. Every kernel is a grid-stride loop over the elements it writes.
#include "common.cuh"

// dst[n, dstOffset + c, k] = src[n, srcOffset + c, k] for c < channels; n = count / (channels * plane).
extern "C" __global__ void copy_channels_f32(const float* src, float* dst, int srcC, int srcOffset, int dstC, int dstOffset,
                                             int channels, long long plane, long long count) {
    GRID_STRIDE_LOOP(i, count) {
        const long long k = i % plane;
        const long long c = (i / plane) % channels;
        const long long n = i / (plane * channels);
        dst[(n * dstC + dstOffset + c) * plane + k] = src[(n * srcC + srcOffset + c) * plane + k];
    }
}

// out[r, k] = x[r, k] * gate[r]; out may alias x.
extern "C" __global__ void scale_channels_f32(const float* x, const float* gate, float* out, long long plane, long long count) {
    GRID_STRIDE_LOOP(i, count) out[i] = x[i] * gate[i / plane];
}

// dgate[r] = sum over k of dy[r, k] * x[r, k]: one thread per row, in order, in double.
extern "C" __global__ void gate_gradient_f32(const float* dy, const float* x, float* dgate, long long plane, long long rows) {
    GRID_STRIDE_LOOP(r, rows) {
        double s = 0.0;
        for (long long k = 0; k < plane; k++) s += (double)dy[r * plane + k] * (double)x[r * plane + k];
        dgate[r] = (float)s;
    }
}

// A NaN in either input gives NaN (fmaxf would drop it); out may alias a or b.
extern "C" __global__ void maximum_f32(const float* a, const float* b, float* out, long long n) {
    GRID_STRIDE_LOOP(i, n) {
        const float x = a[i], y = b[i];
        out[i] = (isnan(x) || isnan(y)) ? x + y : fmaxf(x, y);
    }
}

// dx = x == y ? dy : 0; dx may alias dy.
extern "C" __global__ void route_maximum_f32(const float* x, const float* y, const float* dy, float* dx, long long n) {
    GRID_STRIDE_LOOP(i, n) dx[i] = x[i] == y[i] ? dy[i] : 0.0f;
}

// Over the padded tensor (planes, lh, lw): y = x shifted by (top, left), zero outside.
extern "C" __global__ void zero_pad_f32(const float* x, float* y, int h, int w, int lh, int lw, int top, int left, long long count) {
    GRID_STRIDE_LOOP(i, count) {
        const int c = (int)(i % lw);
        const int r = (int)((i / lw) % lh);
        const long long p = i / ((long long)lw * lh);
        const int sr = r - top, sc = c - left;
        y[i] = (sr >= 0 && sr < h && sc >= 0 && sc < w) ? x[(p * h + sr) * w + sc] : 0.0f;
    }
}

// Over the cropped tensor (planes, h, w): dx = dy at offset (top, left).
extern "C" __global__ void crop_f32(const float* dy, float* dx, int h, int w, int lh, int lw, int top, int left, long long count) {
    GRID_STRIDE_LOOP(i, count) {
        const int c = (int)(i % w);
        const int r = (int)((i / w) % h);
        const long long p = i / ((long long)w * h);
        dx[i] = dy[(p * lh + top + r) * lw + left + c];
    }
}
