/*
 * 3-D convolution: x (N, C, D, H, W), filters (K, C, T, R, S), y (N, K, OD, OH, OW). Direct kernels:
 * forward one work-item per output; backward data a gather, one work-item per input value over the
 * taps that read it (no atomics); backward filter one work-item per filter tap, summing over the
 * batch and the output volume. Ranges are 3-D (column, row, volume*depth); dimension 0 is rounded
 * up by the host, hence its bounds check. Every kernel ends with the same geometry arguments.
 */
#define GEOMETRY const int N, const int C, const int D, const int H, const int W, \
                 const int K, const int T, const int R, const int S, const int OD, const int OH, const int OW, \
                 const int sd, const int sh, const int sw, const int pf, const int pt, const int pl, \
                 const int dd, const int dh, const int dw

__kernel void conv3d_forward(__global const float* x, __global const float* w, __global const float* bias,
                             __global float* y, const int hasBias, GEOMETRY)
{
    const int e = get_global_id(0);
    if (e >= OW) return;
    const int b = get_global_id(1), z = get_global_id(2);
    const int a = z % OD, k = z / OD % K, n = z / OD / K;
    float sum = 0.0f;
    for (int c = 0; c < C; c++) {
        for (int t = 0; t < T; t++) {
            const int id = a * sd - pf + t * dd;
            if (id < 0 || id >= D) continue;
            for (int r = 0; r < R; r++) {
                const int ih = b * sh - pt + r * dh;
                if (ih < 0 || ih >= H) continue;
                for (int s = 0; s < S; s++) {
                    const int iw = e * sw - pl + s * dw;
                    if (iw < 0 || iw >= W) continue;
                    sum += x[(((n * C + c) * D + id) * H + ih) * W + iw]
                         * w[(((k * C + c) * T + t) * R + r) * S + s];
                }
            }
        }
    }
    if (hasBias) sum += bias[k];
    y[(((n * K + k) * OD + a) * OH + b) * OW + e] = sum;
}

__kernel void conv3d_backward_data(__global const float* dy, __global const float* w, __global float* dx, GEOMETRY)
{
    const int iw = get_global_id(0);
    if (iw >= W) return;
    const int ih = get_global_id(1), z = get_global_id(2);
    const int id = z % D, c = z / D % C, n = z / D / C;
    float sum = 0.0f;
    for (int k = 0; k < K; k++) {
        for (int t = 0; t < T; t++) {
            const int ad = id + pf - t * dd;
            if (ad < 0 || ad % sd != 0) continue;
            const int a = ad / sd;
            if (a >= OD) continue;
            for (int r = 0; r < R; r++) {
                const int bh = ih + pt - r * dh;
                if (bh < 0 || bh % sh != 0) continue;
                const int b = bh / sh;
                if (b >= OH) continue;
                for (int s = 0; s < S; s++) {
                    const int ew = iw + pl - s * dw;
                    if (ew < 0 || ew % sw != 0) continue;
                    const int e = ew / sw;
                    if (e >= OW) continue;
                    sum += dy[(((n * K + k) * OD + a) * OH + b) * OW + e]
                         * w[(((k * C + c) * T + t) * R + r) * S + s];
                }
            }
        }
    }
    dx[(((n * C + c) * D + id) * H + ih) * W + iw] = sum;
}

__kernel void conv3d_backward_filter(__global const float* x, __global const float* dy, __global float* dwt, GEOMETRY)
{
    const int tap = get_global_id(0);
    const int trs = T * R * S;
    if (tap >= K * C * trs) return;
    const int s = tap % S, r = tap / S % R, t = tap / (S * R) % T;
    const int c = tap / trs % C, k = tap / trs / C;
    float sum = 0.0f;
    for (int n = 0; n < N; n++) {
        for (int a = 0; a < OD; a++) {
            const int id = a * sd - pf + t * dd;
            if (id < 0 || id >= D) continue;
            for (int b = 0; b < OH; b++) {
                const int ih = b * sh - pt + r * dh;
                if (ih < 0 || ih >= H) continue;
                for (int e = 0; e < OW; e++) {
                    const int iw = e * sw - pl + s * dw;
                    if (iw < 0 || iw >= W) continue;
                    sum += dy[(((n * K + k) * OD + a) * OH + b) * OW + e]
                         * x[(((n * C + c) * D + id) * H + ih) * W + iw];
                }
            }
        }
    }
    dwt[tap] = sum;
}
