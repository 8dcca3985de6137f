package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.Conv3dParams;
import io.github.convnet4j.backend.ops.Conv3dShape;

/**
 * The iteration {@link Conv3dFast}'s three passes share, solved once per call: every filter tap
 * {@code (t, r, s)} of every output row {@code (a, b)} whose depth and row land inside the volume,
 * in {@code (a, b, t, r, s)} order, each with the output columns {@code [q0, q1)} whose input
 * column lands inside the row (possibly none). Entry {@code e} pairs output row offset
 * {@code yRow[e]} (within one {@code (OD, OH, OW)} volume), the input offset {@code x0[e]} of its
 * output column 0 (within one {@code (D, H, W)} volume; column q reads {@code x0[e] + q*strideW})
 * and the tap's offset {@code tap[e]} within one {@code (T, R, S)} filter. At most
 * {@code OD*OH*T*R*S} entries of five ints, each then used for {@code N*C*K} row updates.
 */
final class Conv3dTaps {
    final int count;
    final int[] yRow;
    final int[] x0;
    final int[] tap;
    final int[] q0;
    final int[] q1;

    Conv3dTaps(Conv3dShape g) {
        Conv3dParams p = g.params();
        int max = Math.multiplyExact(g.od() * g.oh(), g.t() * g.r() * g.s());
        yRow = new int[max];
        x0 = new int[max];
        tap = new int[max];
        q0 = new int[max];
        q1 = new int[max];
        int e = 0;
        for (int a = 0; a < g.od(); a++) {
            for (int b = 0; b < g.oh(); b++) {
                for (int t = 0; t < g.t(); t++) {
                    int id = a * p.strideD() - p.padFront() + t * p.dilationD();
                    if (id < 0 || id >= g.d()) continue;
                    for (int r = 0; r < g.r(); r++) {
                        int ih = b * p.strideH() - p.padTop() + r * p.dilationH();
                        if (ih < 0 || ih >= g.h()) continue;
                        for (int s = 0; s < g.s(); s++, e++) {
                            int off = s * p.dilationW() - p.padLeft();   // input column of output column 0
                            int last = g.w() - 1 - off;                  // q * strideW <= last
                            yRow[e] = (a * g.oh() + b) * g.ow();
                            x0[e] = (id * g.h() + ih) * g.w() + off;
                            tap[e] = (t * g.r() + r) * g.s() + s;
                            q0[e] = off >= 0 ? 0 : (-off + p.strideW() - 1) / p.strideW();
                            q1[e] = last < 0 ? 0 : Math.min(g.ow(), last / p.strideW() + 1);
                        }
                    }
                }
            }
        }
        count = e;
    }
}
