/*
 * Max and average pooling over planes of x (N*C, H, W) into y (N*C, P, Q). Padded positions are
 * skipped: they never win a max and are not counted by the average. Backward is a gather (one
 * work-item per input element), so it needs no atomics and max-pool ties resolve exactly as the
 * contract says: the first maximum of the window in row-major order gets the gradient.
 * Ranges are 3-D (column, row, plane) so no work-item divides to find its position; dimension 0 is
 * rounded up by the host, hence its bounds check.
 */
#define MODE_MAX 0
#define MODE_AVERAGE 1

__kernel void pool_forward(__global const float* x, __global float* y,
                           const int planes, const int H, const int W, const int P, const int Q,
                           const int windowH, const int windowW, const int strideH, const int strideW,
                           const int padTop, const int padLeft, const int mode)
{
    const int q = get_global_id(0);
    if (q >= Q) return;
    const int p = get_global_id(1), plane = get_global_id(2);
    const int idx = (plane * P + p) * Q + q;
    const int h0 = p * strideH - padTop, w0 = q * strideW - padLeft;
    const int hs = max(h0, 0), he = min(h0 + windowH, H);
    const int ws = max(w0, 0), we = min(w0 + windowW, W);
    __global const float* xp = x + plane * H * W;
    float result;
    if (mode == MODE_MAX) {
        result = -INFINITY;
        for (int h = hs; h < he; h++)
            for (int w = ws; w < we; w++)
                result = fmax(result, xp[h * W + w]);
    } else {
        float sum = 0.0f;
        for (int h = hs; h < he; h++)
            for (int w = ws; w < we; w++)
                sum += xp[h * W + w];
        result = sum / (float) ((he - hs) * (we - ws));
    }
    y[idx] = result;
}

__kernel void pool_backward(__global const float* x, __global const float* dy, __global float* dx,
                            const int planes, const int H, const int W, const int P, const int Q,
                            const int windowH, const int windowW, const int strideH, const int strideW,
                            const int padTop, const int padLeft, const int mode)
{
    const int w = get_global_id(0);
    if (w >= W) return;
    const int h = get_global_id(1), plane = get_global_id(2);
    const int idx = (plane * H + h) * W + w;
    __global const float* xp = x + plane * H * W;
    __global const float* dyp = dy + plane * P * Q;
    /* Windows p whose rows [p*strideH - padTop, +windowH) contain h. */
    const int hh = h + padTop, ww = w + padLeft;
    const int pFirst = hh - windowH + 1 <= 0 ? 0 : (hh - windowH + strideH) / strideH;
    const int pLast = min(hh / strideH, P - 1);
    const int qFirst = ww - windowW + 1 <= 0 ? 0 : (ww - windowW + strideW) / strideW;
    const int qLast = min(ww / strideW, Q - 1);
    float grad = 0.0f;
    for (int p = pFirst; p <= pLast; p++) {
        const int h0 = p * strideH - padTop;
        const int hs = max(h0, 0), he = min(h0 + windowH, H);
        for (int q = qFirst; q <= qLast; q++) {
            const int w0 = q * strideW - padLeft;
            const int ws = max(w0, 0), we = min(w0 + windowW, W);
            if (mode == MODE_MAX) {
                int best = -1;
                float bestValue = -INFINITY;
                for (int a = hs; a < he; a++)
                    for (int b = ws; b < we; b++) {
                        const float v = xp[a * W + b];
                        if (best < 0 || v > bestValue) { best = a * W + b; bestValue = v; }
                    }
                if (best == h * W + w) grad += dyp[p * Q + q];
            } else {
                grad += dyp[p * Q + q] / (float) ((he - hs) * (we - ws));
            }
        }
    }
    dx[idx] = grad;
}

/*
 * Backward for windows that do not overlap (stride >= window on both axes, e.g. 2x2 stride 2):
 * one work-item per window writes its gradient into the window's inputs, which no other window
 * touches; the host zero-fills dx first for the inputs no window covers. Range (Q, P, planes).
 */
__kernel void pool_backward_disjoint(__global const float* x, __global const float* dy, __global float* dx,
                                     const int planes, const int H, const int W, const int P, const int Q,
                                     const int windowH, const int windowW, const int strideH, const int strideW,
                                     const int padTop, const int padLeft, const int mode)
{
    const int q = get_global_id(0);
    if (q >= Q) return;
    const int p = get_global_id(1), plane = get_global_id(2);
    const int h0 = p * strideH - padTop, w0 = q * strideW - padLeft;
    const int hs = max(h0, 0), he = min(h0 + windowH, H);
    const int ws = max(w0, 0), we = min(w0 + windowW, W);
    __global const float* xp = x + plane * H * W;
    __global float* dxp = dx + plane * H * W;
    const float g = dy[(plane * P + p) * Q + q];
    if (mode == MODE_MAX) {
        int best = -1;
        float bestValue = -INFINITY;
        for (int a = hs; a < he; a++)
            for (int b = ws; b < we; b++) {
                const float v = xp[a * W + b];
                if (best < 0 || v > bestValue) { best = a * W + b; bestValue = v; }
            }
        for (int a = hs; a < he; a++)
            for (int b = ws; b < we; b++) dxp[a * W + b] = a * W + b == best ? g : 0.0f;
    } else {
        const float share = g / (float) ((he - hs) * (we - ws));
        for (int a = hs; a < he; a++)
            for (int b = ws; b < we; b++) dxp[a * W + b] = share;
    }
}
