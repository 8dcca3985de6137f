package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.ops.UpsampleParams;

/** F64 nearest upsampling by its definition, and its gradient as a block sum in row-major order. */
final class UpsampleReference {
    private UpsampleReference() {}

    static void forward(UpsampleParams p, int planes, int h, int w, double[] x, double[] y) {
        int oh = h * p.factorH(), ow = w * p.factorW();
        for (int pl = 0; pl < planes; pl++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) y[(pl * oh + i) * ow + j] = x[(pl * h + i / p.factorH()) * w + j / p.factorW()];
            }
        }
    }

    static void backward(UpsampleParams p, int planes, int h, int w, double[] dy, double[] dx) {
        int oh = h * p.factorH(), ow = w * p.factorW();
        for (int pl = 0; pl < planes; pl++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    double sum = 0;
                    for (int a = 0; a < p.factorH(); a++) {
                        for (int b = 0; b < p.factorW(); b++) sum += dy[(pl * oh + i * p.factorH() + a) * ow + j * p.factorW() + b];
                    }
                    dx[(pl * h + i) * w + j] = sum;
                }
            }
        }
    }
}
