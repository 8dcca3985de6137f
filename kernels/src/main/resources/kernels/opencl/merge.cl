/* MergeOps: channel copies, channel gates, maximum, zero padding. One work-item per element of the
 * smaller side; dimension 0 of a 3-D range is rounded up by the host, so it is bounds-checked. */

/* dst[n, dOff + c, k] = src[n, sOff + c, k] over the range (plane, channels, N). */
__kernel void copy_channels(__global const float* src, __global float* dst, const int srcC, const int srcOffset,
                            const int dstC, const int dstOffset, const int plane)
{
    const int k = get_global_id(0);
    if (k >= plane) return;
    const int c = get_global_id(1), n = get_global_id(2);
    dst[((long) n * dstC + dstOffset + c) * plane + k] = src[((long) n * srcC + srcOffset + c) * plane + k];
}

/* out[r, k] = x[r, k] * gate[r], r = n * C + c, over (plane, rows); out may alias x. */
__kernel void scale_channels(__global const float* x, __global const float* gate, __global float* out, const int plane)
{
    const int k = get_global_id(0);
    if (k >= plane) return;
    const long r = get_global_id(1);
    out[r * plane + k] = x[r * plane + k] * gate[r];
}

/* dgate[r] = sum over k of dy[r, k] * x[r, k]: one work-item per (n, c), summing its plane in order. */
__kernel void gate_gradient(__global const float* dy, __global const float* x, __global float* dgate, const int rows,
                            const int plane)
{
    const int r = get_global_id(0);
    if (r >= rows) return;
    float s = 0.0f;
    for (int k = 0; k < plane; k++) s = fma(dy[(long) r * plane + k], x[(long) r * plane + k], s);
    dgate[r] = s;
}

__kernel void maximum(__global const float* a, __global const float* b, __global float* out, const int n)
{
    const int i = get_global_id(0);
    if (i >= n) return;
    const float x = a[i], y = b[i];
    out[i] = (isnan(x) || isnan(y)) ? NAN : fmax(x, y);
}

/* dx = x == y ? dy : 0; dx may alias dy. */
__kernel void route_maximum(__global const float* x, __global const float* y, __global const float* dy, __global float* dx,
                            const int n)
{
    const int i = get_global_id(0);
    if (i >= n) return;
    dx[i] = x[i] == y[i] ? dy[i] : 0.0f;
}

/* Over the large tensor (LW, LH, N*C): y[p, r, c] = x[p, r - top, c - left] inside, else 0. */
__kernel void pad(__global const float* x, __global float* y, const int h, const int w, const int lh, const int lw,
                  const int top, const int left)
{
    const int c = get_global_id(0);
    if (c >= lw) return;
    const int r = get_global_id(1);
    const long p = get_global_id(2);
    const int sr = r - top, sc = c - left;
    y[(p * lh + r) * lw + c] = (sr >= 0 && sr < h && sc >= 0 && sc < w) ? x[(p * h + sr) * w + sc] : 0.0f;
}

/* Over the small tensor (W, H, N*C): dx[p, r, c] = dy[p, top + r, left + c]. */
__kernel void crop(__global const float* dy, __global float* dx, const int h, const int w, const int lh, const int lw,
                   const int top, const int left)
{
    const int c = get_global_id(0);
    if (c >= w) return;
    const int r = get_global_id(1);
    const long p = get_global_id(2);
    dx[(p * h + r) * w + c] = dy[(p * lh + top + r) * lw + left + c];
}
