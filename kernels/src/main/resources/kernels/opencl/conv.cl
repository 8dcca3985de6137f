/*
 * Convolution data movement around the GEMM. A chunk of nb images, starting at image n0, is
 * unfolded into the column matrix col (C*R*S, nb*P*Q): row (c, r, s), column (n, p, q). Then
 *   forward:         y_n  = W (K, CRS) * col_n (CRS, PQ)
 *   backward data:   col_n = W^T * dy_n, folded back into dx by col2im
 *   backward filter: dW  += dyT (K, nb*PQ) * col^T, with dyT the chunk of dy permuted to (K, n, PQ)
 * Every kernel writes each output element from exactly one work-item (gathers, no atomics), so
 * results do not depend on scheduling.
 */

/* One work-item per element of col: (c*R*S + r*S + s, n*P*Q + p*Q + q). */
__kernel void im2col(__global const float* x, __global float* col,
                     const int n0, const int nb, const int C, const int H, const int W,
                     const int R, const int S, const int P, const int Q,
                     const int strideH, const int strideW, const int padTop, const int padLeft,
                     const int dilationH, const int dilationW)
{
    const int cols = nb * P * Q;
    const int idx = get_global_id(0);
    if (idx >= C * R * S * cols) return;
    const int row = idx / cols, column = idx - row * cols;
    const int c = row / (R * S), rs = row - c * (R * S);
    const int r = rs / S, s = rs - r * S;
    const int n = column / (P * Q), pq = column - n * (P * Q);
    const int p = pq / Q, q = pq - p * Q;
    const int h = p * strideH - padTop + r * dilationH;
    const int w = q * strideW - padLeft + s * dilationW;
    float v = 0.0f;
    if (h >= 0 && h < H && w >= 0 && w < W)
        v = x[(((n0 + n) * C + c) * H + h) * W + w];
    col[idx] = v;
}

/* One work-item per element of dx (n, c, h, w): sums every column entry that came from it. */
__kernel void col2im(__global const float* col, __global float* dx,
                     const int n0, const int nb, const int C, const int H, const int W,
                     const int R, const int S, const int P, const int Q,
                     const int strideH, const int strideW, const int padTop, const int padLeft,
                     const int dilationH, const int dilationW)
{
    const int idx = get_global_id(0);
    if (idx >= nb * C * H * W) return;
    const int w = idx % W;
    const int h = (idx / W) % H;
    const int c = (idx / (W * H)) % C;
    const int n = idx / (W * H * C);
    const int cols = nb * P * Q;
    float sum = 0.0f;
    for (int r = 0; r < R; r++) {
        const int hp = h + padTop - r * dilationH;
        if (hp < 0 || hp % strideH != 0) continue;
        const int p = hp / strideH;
        if (p >= P) continue;
        for (int s = 0; s < S; s++) {
            const int wq = w + padLeft - s * dilationW;
            if (wq < 0 || wq % strideW != 0) continue;
            const int q = wq / strideW;
            if (q >= Q) continue;
            sum += col[((c * R + r) * S + s) * cols + (n * P + p) * Q + q];
        }
    }
    dx[(n0 + n) * C * H * W + (c * H + h) * W + w] = sum;
}

/* dyT (K, nb*PQ) from images n0..n0+nb-1 of dy (N, K, PQ). */
__kernel void chunk_to_channel_major(__global const float* dy, __global float* dyT,
                                     const int n0, const int nb, const int K, const int PQ)
{
    const int idx = get_global_id(0);
    if (idx >= K * nb * PQ) return;
    const int cols = nb * PQ;
    const int k = idx / cols, column = idx - k * cols;
    const int n = column / PQ, pq = column - n * PQ;
    dyT[idx] = dy[((n0 + n) * K + k) * PQ + pq];
}
