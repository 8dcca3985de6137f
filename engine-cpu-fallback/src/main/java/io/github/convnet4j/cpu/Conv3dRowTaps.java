package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.Conv3dParams;
import io.github.convnet4j.backend.ops.Conv3dShape;

/**
 * The iteration {@link Conv3dFast}'s three passes share, solved once per call so each pass keeps
 * only its own innermost loops: for every output row {@code (a, b)} (row index {@code a*OH + b}),
 * the depth and row taps {@code (t, r)} that land inside the volume, in {@code (t, r)} order; for
 * every column tap {@code s}, the output columns {@code [q0, q1)} that land inside the row.
 *
 * <p>Row {@code i}'s taps are entries {@code start[i] .. start[i+1]-1}; entry {@code e} reads the
 * input row at offset {@code xRow[e]} (within one {@code (D, H, W)} volume) with the filter taps at
 * offset {@code tap[e]} (within one {@code (T, R, S)} filter), and output column {@code q} of tap
 * {@code s} reads input column {@code col[s] + q*strideW}. Memory is {@code OD*OH*T*R} pairs of
 * ints at most, far below the output volumes the passes write.
 */
final class Conv3dRowTaps {
    final int rows;
    final int[] start;
    final int[] xRow;
    final int[] tap;
    final int[] q0;
    final int[] q1;
    final int[] col;

    Conv3dRowTaps(Conv3dShape g) {
        Conv3dParams p = g.params();
        rows = g.od() * g.oh();
        start = new int[rows + 1];
        xRow = new int[Math.multiplyExact(rows, g.t() * g.r())];
        tap = new int[xRow.length];
        int e = 0;
        for (int a = 0; a < g.od(); a++) {
            for (int b = 0; b < g.oh(); b++) {
                start[a * g.oh() + b] = e;
                for (int t = 0; t < g.t(); t++) {
                    int id = a * p.strideD() - p.padFront() + t * p.dilationD();
                    if (id < 0 || id >= g.d()) continue;
                    for (int r = 0; r < g.r(); r++) {
                        int ih = b * p.strideH() - p.padTop() + r * p.dilationH();
                        if (ih < 0 || ih >= g.h()) continue;
                        xRow[e] = (id * g.h() + ih) * g.w();
                        tap[e] = (t * g.r() + r) * g.s();
                        e++;
                    }
                }
            }
        }
        start[rows] = e;
        q0 = new int[g.s()];
        q1 = new int[g.s()];
        col = new int[g.s()];
        for (int s = 0; s < g.s(); s++) {
            int off = s * p.dilationW() - p.padLeft();   // input column of output column 0
            int last = g.w() - 1 - off;                  // q * strideW <= last
            col[s] = off;
            q0[s] = off >= 0 ? 0 : (-off + p.strideW() - 1) / p.strideW();
            q1[s] = last < 0 ? 0 : Math.min(g.ow(), last / p.strideW() + 1);
        }
    }
}
