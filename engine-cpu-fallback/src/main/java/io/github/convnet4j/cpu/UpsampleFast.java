package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.UpsampleParams;

import java.util.Arrays;

/**
 * F32 nearest upsampling, one task per plane: each input row is widened once into the first of its
 * {@code fh} output rows, which are then block copies. The gradient sums each block in the
 * reference's order (rows, then columns), so the result does not depend on the thread count.
 */
final class UpsampleFast {
    private final CpuThreads threads;

    UpsampleFast(CpuThreads threads) { this.threads = threads; }

    void forward(UpsampleParams p, int planes, int h, int w, float[] x, float[] y) {
        int fh = p.factorH(), fw = p.factorW(), ow = w * fw;
        threads.forEach(planes, (pl, worker) -> {
            for (int i = 0; i < h; i++) {
                int src = (pl * h + i) * w;
                int first = (pl * h * fh + i * fh) * ow;
                for (int j = 0; j < w; j++) Arrays.fill(y, first + j * fw, first + (j + 1) * fw, x[src + j]);
                for (int a = 1; a < fh; a++) System.arraycopy(y, first, y, first + a * ow, ow);
            }
        });
    }

    void backward(UpsampleParams p, int planes, int h, int w, float[] dy, float[] dx) {
        int fh = p.factorH(), fw = p.factorW(), ow = w * fw;
        threads.forEach(planes, (pl, worker) -> {
            for (int i = 0; i < h; i++) {
                int first = (pl * h * fh + i * fh) * ow;
                for (int j = 0; j < w; j++) {
                    float sum = 0f;
                    for (int a = 0; a < fh; a++) {
                        int row = first + a * ow + j * fw;
                        for (int b = 0; b < fw; b++) sum += dy[row + b];
                    }
                    dx[(pl * h + i) * w + j] = sum;
                }
            }
        });
    }
}
