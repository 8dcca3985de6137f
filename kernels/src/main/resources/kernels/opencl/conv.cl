/*
 * Convolution data movement around one GEMM per chunk of images. A chunk of nb images, starting at
 * image n0, is unfolded into the column matrix col (C*R*S, nb*P*Q): row (c, r, s), column (n, p, q).
 * Keeping the images side by side in one matrix gives the GEMM a wide N = nb*P*Q even when a
 * layer's output plane is tiny (3x3), which per-image products would waste most of a tile on.
 *   forward:         tmp (K, nb*PQ) = W (K, CRS) col, then tmp is scattered to y (N, K, P, Q) + bias
 *   backward data:   dyT (K, nb*PQ) gathered from dy, col = W^T dyT, then col2im folds col into dx
 *   backward filter: dW (+)= dyT col^T
 * Every kernel writes each output element from exactly one work-item (gathers, no atomics), so
 * results do not depend on scheduling. Ranges are 3-D so that the fastest-varying index needs no
 * division; dimension 0 is rounded up by the host, hence its bounds check.
 */

/* Range (Q, P, C*R*S*nb): dimension 2 is (row, image) with the image fastest. */
__kernel void im2col(__global const float* x, __global float* col,
                     const int n0, const int nb, const int C, const int H, const int W,
                     const int R, const int S, const int P, const int Q,
                     const int strideH, const int strideW, const int padTop, const int padLeft,
                     const int dilationH, const int dilationW)
{
    const int q = get_global_id(0);
    if (q >= Q) return;
    const int p = get_global_id(1);
    const int rowImage = get_global_id(2);
    const int row = rowImage / nb, n = rowImage - row * nb;
    const int c = row / (R * S), rs = row - c * (R * S);
    const int r = rs / S, s = rs - r * S;
    const int h = p * strideH - padTop + r * dilationH;
    const int w = q * strideW - padLeft + s * dilationW;
    float v = 0.0f;
    if (h >= 0 && h < H && w >= 0 && w < W)
        v = x[(((n0 + n) * C + c) * H + h) * W + w];
    col[row * (nb * P * Q) + (n * P + p) * Q + q] = v;
}

/* Range (W, H, nb*C): each element of dx sums every column entry that was copied from it. */
__kernel void col2im(__global const float* col, __global float* dx,
                     const int n0, const int nb, const int C, const int H, const int W,
                     const int R, const int S, const int P, const int Q,
                     const int strideH, const int strideW, const int padTop, const int padLeft,
                     const int dilationH, const int dilationW)
{
    const int w = get_global_id(0);
    if (w >= W) return;
    const int h = get_global_id(1);
    const int imageChannel = get_global_id(2);
    const int n = imageChannel / C, c = imageChannel - n * C;
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
    dx[(((n0 + n) * C + c) * H + h) * W + w] = sum;
}

/* Range (PQ, nb, K): dyT (K, nb, PQ) from images n0..n0+nb-1 of dy (N, K, PQ). */
__kernel void gather_channel_major(__global const float* dy, __global float* dyT,
                                   const int n0, const int nb, const int K, const int PQ)
{
    const int pq = get_global_id(0);
    if (pq >= PQ) return;
    const int n = get_global_id(1), k = get_global_id(2);
    dyT[(k * nb + n) * PQ + pq] = dy[((n0 + n) * K + k) * PQ + pq];
}

/* Range (PQ, nb, K): y (N, K, PQ) images n0.. from tmp (K, nb, PQ), adding bias[k] when hasBias. */
__kernel void scatter_image_major(__global const float* tmp, __global float* y, __global const float* bias,
                                  const int hasBias, const int n0, const int nb, const int K, const int PQ)
{
    const int pq = get_global_id(0);
    if (pq >= PQ) return;
    const int n = get_global_id(1), k = get_global_id(2);
    const float v = tmp[(k * nb + n) * PQ + pq];
    y[((n0 + n) * K + k) * PQ + pq] = hasBias ? v + bias[k] : v;
}
