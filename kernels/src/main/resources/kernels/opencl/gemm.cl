/*
 * Tiled, register-blocked SGEMM for row-major matrices:
 *   C[b] = alpha * op(A[b]) * op(B[b]) + beta * C[b]    for b in [0, batch)
 * with op(A[b]) (M, K) and op(B[b]) (K, N). Matrix b starts at off + b * stride of its buffer, and
 * rows are ld elements apart, so the same kernel serves dense layers (batch 1) and convolutions
 * (one matrix per image, views into im2col workspaces).
 *
 * The host picks the tile with -D (it checks the device's work-group and local-memory limits):
 *   TS_M x TS_N outputs per work-group, TS_K deep slices of A and B staged in local memory,
 *   WPT_M x WPT_N outputs per work-item. The work-group is (TS_N/WPT_N, TS_M/WPT_M).
 * Work-item (tn, tm) owns rows tm + i*RTS_M and columns tn + j*RTS_N of the tile: neighbouring
 * work-items touch neighbouring columns, so global stores and local reads stay contiguous.
 * Edge tiles load zeros outside the matrices and skip stores outside C.
 *
 * Split-K: with kChunk > 0, group b along dimension 2 multiplies only the slice
 * [b*kChunk, min(K, (b+1)*kChunk)) of the inner dimension and writes its partial product to
 * C + b*strideC; gemm_reduce_split_k then adds the slices into the real C. That gives a product
 * with a small (M, N) and a huge K (a filter gradient: K = images * output pixels) enough
 * work-groups to fill the device.
 */
#ifndef TS_M
#define TS_M 64
#endif
#ifndef TS_N
#define TS_N 64
#endif
#ifndef TS_K
#define TS_K 16
#endif
#ifndef WPT_M
#define WPT_M 4
#endif
#ifndef WPT_N
#define WPT_N 4
#endif
#define RTS_M (TS_M / WPT_M)
#define RTS_N (TS_N / WPT_N)
#define THREADS (RTS_M * RTS_N)

__kernel __attribute__((reqd_work_group_size(RTS_N, RTS_M, 1)))
void gemm_tiled(const int M, const int N, const int K,
                const float alpha, const float beta,
                __global const float* A, const int offA, const int lda, const int strideA, const int transA,
                __global const float* B, const int offB, const int ldb, const int strideB, const int transB,
                __global float* C, const int offC, const int ldc, const int strideC,
                const int kChunk)
{
    const int tn = get_local_id(0);
    const int tm = get_local_id(1);
    const int tid = tm * RTS_N + tn;
    const int n0 = get_group_id(0) * TS_N;
    const int m0 = get_group_id(1) * TS_M;
    const int b = get_group_id(2);
    A += offA + b * strideA;
    B += offB + b * strideB;
    C += offC + b * strideC;
    const int kBegin = kChunk > 0 ? b * kChunk : 0;
    const int kEnd = kChunk > 0 ? min(K, kBegin + kChunk) : K;

    /* k-major so that the inner product reads As[k][m] and Bs[k][n] along a row. */
    __local float As[TS_K][TS_M];
    __local float Bs[TS_K][TS_N];

    float acc[WPT_M][WPT_N];
    for (int i = 0; i < WPT_M; i++)
        for (int j = 0; j < WPT_N; j++)
            acc[i][j] = 0.0f;

    for (int k0 = kBegin; k0 < kEnd; k0 += TS_K) {
        /* Each load loop walks the operand along its contiguous axis for coalescing. */
        if (transA) {          /* A stored (K, M): element (m, k) at k*lda + m */
            for (int e = tid; e < TS_M * TS_K; e += THREADS) {
                const int mm = e % TS_M, kk = e / TS_M;
                const int gm = m0 + mm, gk = k0 + kk;
                As[kk][mm] = (gm < M && gk < kEnd) ? A[gk * lda + gm] : 0.0f;
            }
        } else {               /* A stored (M, K): element (m, k) at m*lda + k */
            for (int e = tid; e < TS_M * TS_K; e += THREADS) {
                const int kk = e % TS_K, mm = e / TS_K;
                const int gm = m0 + mm, gk = k0 + kk;
                As[kk][mm] = (gm < M && gk < kEnd) ? A[gm * lda + gk] : 0.0f;
            }
        }
        if (transB) {          /* B stored (N, K): element (k, n) at n*ldb + k */
            for (int e = tid; e < TS_N * TS_K; e += THREADS) {
                const int kk = e % TS_K, nn = e / TS_K;
                const int gn = n0 + nn, gk = k0 + kk;
                Bs[kk][nn] = (gn < N && gk < kEnd) ? B[gn * ldb + gk] : 0.0f;
            }
        } else {               /* B stored (K, N): element (k, n) at k*ldb + n */
            for (int e = tid; e < TS_N * TS_K; e += THREADS) {
                const int nn = e % TS_N, kk = e / TS_N;
                const int gn = n0 + nn, gk = k0 + kk;
                Bs[kk][nn] = (gn < N && gk < kEnd) ? B[gk * ldb + gn] : 0.0f;
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);

        for (int kk = 0; kk < TS_K; kk++) {
            float a[WPT_M], bv[WPT_N];
            for (int i = 0; i < WPT_M; i++) a[i] = As[kk][tm + i * RTS_M];
            for (int j = 0; j < WPT_N; j++) bv[j] = Bs[kk][tn + j * RTS_N];
            for (int i = 0; i < WPT_M; i++)
                for (int j = 0; j < WPT_N; j++)
                    acc[i][j] = fma(a[i], bv[j], acc[i][j]);
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }

    for (int i = 0; i < WPT_M; i++) {
        const int gm = m0 + tm + i * RTS_M;
        if (gm >= M) continue;
        for (int j = 0; j < WPT_N; j++) {
            const int gn = n0 + tn + j * RTS_N;
            if (gn >= N) continue;
            /* beta == 0 must ignore C entirely: it may hold NaN or garbage. */
            const float prior = beta == 0.0f ? 0.0f : beta * C[gm * ldc + gn];
            C[gm * ldc + gn] = alpha * acc[i][j] + prior;
        }
    }
}

/* C (M, N) = alpha * sum over the splits of partial[s] (M, N) + beta * C; one work-item per element. */
__kernel void gemm_reduce_split_k(__global const float* partial, const int splits, const int M, const int N,
                                  const float alpha, const float beta,
                                  __global float* C, const int offC, const int ldc)
{
    const int j = get_global_id(0);
    if (j >= N) return;
    const int i = get_global_id(1);
    float s = 0.0f;
    for (int k = 0; k < splits; k++) s += partial[(k * M + i) * N + j];
    __global float* c = C + offC + i * ldc + j;
    *c = alpha * s + (beta == 0.0f ? 0.0f : beta * *c);
}
