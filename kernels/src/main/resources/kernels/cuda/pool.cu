// Pooling over x (planes, h, w) into y (planes, p, q), planes = N*C. Window (wh, ww), stride
// (sh, sw), padding top/left (pt, pl); bottom/right padding only shows in p and q. Padded
// positions never win a max and are not counted by the average (Keras semantics).
#include "common.cuh"

struct Window { int y0, y1, x0, x1; };  // in-bounds rows [y0, y1) and columns [x0, x1)

__device__ __forceinline__ Window window_of(int py, int px, int h, int w, int wh, int ww,
                                            int sh, int sw, int pt, int pl) {
    Window r;
    const int top = py * sh - pt;
    const int left = px * sw - pl;
    r.y0 = max(top, 0);
    r.y1 = min(top + wh, h);
    r.x0 = max(left, 0);
    r.x1 = min(left + ww, w);
    return r;
}

// Index (y * w + x) of the first maximum in row-major scan of the window's in-bounds part.
__device__ __forceinline__ int first_argmax(const float* plane, Window r, int w) {
    int best = r.y0 * w + r.x0;
    float bestValue = plane[best];
    for (int y = r.y0; y < r.y1; y++) {
        for (int x = r.x0; x < r.x1; x++) {
            const float v = plane[y * w + x];
            if (v > bestValue) { bestValue = v; best = y * w + x; }
        }
    }
    return best;
}

// Range of output rows (or columns) whose window covers input row i: [lo, hi], possibly empty.
__device__ __forceinline__ void covering(int i, int pad, int window, int stride, int outSize, int* lo, int* hi) {
    const int first = i + pad - window + 1;
    *lo = first <= 0 ? 0 : (first + stride - 1) / stride;
    *hi = min((i + pad) / stride, outSize - 1);
}

extern "C" __global__ void maxpool_forward_f32(const float* x, float* y, long long planes,
                                               int h, int w, int p, int q,
                                               int wh, int ww, int sh, int sw, int pt, int pl) {
    const long long n = planes * p * q;
    GRID_STRIDE_LOOP(i, n) {
        const int px = (int)(i % q);
        const int py = (int)((i / q) % p);
        const long long plane = i / ((long long)p * q);
        const float* xp = x + plane * h * w;
        const Window r = window_of(py, px, h, w, wh, ww, sh, sw, pt, pl);
        y[i] = xp[first_argmax(xp, r, w)];
    }
}

// Gather form: each input position sums dy over the windows whose first maximum it is. No
// atomics, so the result does not depend on scheduling.
extern "C" __global__ void maxpool_backward_f32(const float* x, const float* dy, float* dx, long long planes,
                                                int h, int w, int p, int q,
                                                int wh, int ww, int sh, int sw, int pt, int pl) {
    const long long n = planes * h * w;
    GRID_STRIDE_LOOP(i, n) {
        const int ix = (int)(i % w);
        const int iy = (int)((i / w) % h);
        const long long plane = i / ((long long)h * w);
        const float* xp = x + plane * h * w;
        const float* dyp = dy + plane * p * q;
        int pyLo, pyHi, pxLo, pxHi;
        covering(iy, pt, wh, sh, p, &pyLo, &pyHi);
        covering(ix, pl, ww, sw, q, &pxLo, &pxHi);
        const int self = iy * w + ix;
        float acc = 0.0f;
        for (int py = pyLo; py <= pyHi; py++) {
            for (int px = pxLo; px <= pxHi; px++) {
                const Window r = window_of(py, px, h, w, wh, ww, sh, sw, pt, pl);
                if (first_argmax(xp, r, w) == self) acc += dyp[py * q + px];
            }
        }
        dx[i] = acc;
    }
}

extern "C" __global__ void avgpool_forward_f32(const float* x, float* y, long long planes,
                                               int h, int w, int p, int q,
                                               int wh, int ww, int sh, int sw, int pt, int pl) {
    const long long n = planes * p * q;
    GRID_STRIDE_LOOP(i, n) {
        const int px = (int)(i % q);
        const int py = (int)((i / q) % p);
        const long long plane = i / ((long long)p * q);
        const float* xp = x + plane * h * w;
        const Window r = window_of(py, px, h, w, wh, ww, sh, sw, pt, pl);
        float sum = 0.0f;
        for (int yy = r.y0; yy < r.y1; yy++)
            for (int xx = r.x0; xx < r.x1; xx++) sum += xp[yy * w + xx];
        y[i] = sum / (float)((r.y1 - r.y0) * (r.x1 - r.x0));
    }
}

extern "C" __global__ void avgpool_backward_f32(const float* dy, float* dx, long long planes,
                                                int h, int w, int p, int q,
                                                int wh, int ww, int sh, int sw, int pt, int pl) {
    const long long n = planes * h * w;
    GRID_STRIDE_LOOP(i, n) {
        const int ix = (int)(i % w);
        const int iy = (int)((i / w) % h);
        const long long plane = i / ((long long)h * w);
        const float* dyp = dy + plane * p * q;
        int pyLo, pyHi, pxLo, pxHi;
        covering(iy, pt, wh, sh, p, &pyLo, &pyHi);
        covering(ix, pl, ww, sw, q, &pxLo, &pxHi);
        float acc = 0.0f;
        for (int py = pyLo; py <= pyHi; py++) {
            for (int px = pxLo; px <= pxHi; px++) {
                const Window r = window_of(py, px, h, w, wh, ww, sh, sw, pt, pl);
                acc += dyp[py * q + px] / (float)((r.y1 - r.y0) * (r.x1 - r.x0));
            }
        }
        dx[i] = acc;
    }
}
