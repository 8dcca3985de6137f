package io.github.convnet4j.cpu;

import static io.github.convnet4j.cpu.TestSupport.BACKEND;
import static io.github.convnet4j.cpu.TestSupport.assertClose;
import static io.github.convnet4j.cpu.TestSupport.garbage;
import static io.github.convnet4j.cpu.TestSupport.read;
import static io.github.convnet4j.cpu.TestSupport.tensor;

import io.github.convnet4j.backend.ops.Activation;
import io.github.convnet4j.backend.ops.BatchNormParams;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Edges of the reference ops where random inputs never land, in F64 (the reference) and F32 (the
 * fast path): activation derivatives at exactly 0, softmax rows whose logits are far apart and far
 * from other rows, batch norm with a single value per channel, and RMSprop where epsilon dominates.
 */
class ReferenceEdgesTest {
    private static double tol(DType dt) { return dt == DType.F64 ? 1e-15 : 1e-7; }

    private static double[] backward(DType dt, Activation a, double[] x, double[] dy) {
        Shape s = Shape.of(1, x.length);
        Tensor tx = tensor(dt, s, x), y = garbage(dt, s), dx = garbage(dt, s);
        BACKEND.activation().forward(a, tx, y);
        BACKEND.activation().backward(a, tx, y, tensor(dt, s, dy), dx);
        return read(dx);
    }

    @Test void leakyReluAndEluDerivativesAtZeroTakeTheNegativeSide() {
        // As PyTorch and TensorFlow: x > 0 is the positive side, so f'(0) = alpha (ELU: alpha e^0).
        double[] x = {-1, 0, 2};
        double[] dy = {2, 3, 5};
        for (DType dt : DType.values()) {
            assertClose(dt + " leaky_relu'", new double[] {0.6, 0.9, 5}, backward(dt, Activation.leakyRelu(0.3), x, dy), tol(dt), tol(dt));
            assertClose(dt + " elu'", new double[] {2 * 0.5 * Math.exp(-1), 1.5, 5}, backward(dt, Activation.elu(0.5), x, dy), tol(dt), tol(dt));
            assertClose(dt + " relu'", new double[] {0, 0, 5}, backward(dt, Activation.RELU, x, dy), 0, 0);
        }
    }

    @Test void softmaxRowsWithLogitsFarApartAndFarFromEachOther() {
        // Row 0 near +1000, row 1 near -1000, row 2 spans 2000: without subtracting each row's own
        // maximum, exp overflows or underflows to 0/0.
        double[] x = {1000, 999, 998, -1000, -999, -1001, 1000, 0, -1000};
        Shape s = Shape.of(3, 3);
        double z = 1 + Math.exp(-1) + Math.exp(-2);
        double[] want = {1 / z, Math.exp(-1) / z, Math.exp(-2) / z,
                         Math.exp(-1) / z, 1 / z, Math.exp(-2) / z,
                         1, Math.exp(-1000), 0};
        for (DType dt : DType.values()) {
            Tensor y = garbage(dt, s);
            BACKEND.activation().forward(Activation.SOFTMAX, tensor(dt, s, x), y);
            assertClose(dt + " softmax", want, read(y), tol(dt), tol(dt));
        }
    }

    @Test void batchNormWithOneValuePerChannel() {
        // N = 1, H = W = 1: the batch mean is the value itself, the biased variance 0, and the
        // unbiased one does not exist, so the running variance decays towards 0.
        Shape xs = Shape.of(1, 2, 1, 1), cs = Shape.of(2);
        BatchNormParams bp = new BatchNormParams(1e-3, 0.25);
        for (DType dt : DType.values()) {
            Tensor x = tensor(dt, xs, new double[] {3, -2});
            Tensor gamma = tensor(dt, cs, new double[] {1.5, 2});
            Tensor beta = tensor(dt, cs, new double[] {0.5, -1});
            Tensor runningMean = tensor(dt, cs, new double[] {1, 1});
            Tensor runningVar = tensor(dt, cs, new double[] {2, 4});
            Tensor y = garbage(dt, xs), saveMean = garbage(dt, cs), saveInvStd = garbage(dt, cs);
            BACKEND.normalization().forwardTraining(bp, x, gamma, beta, runningMean, runningVar, y, saveMean, saveInvStd);
            assertClose(dt + " y = beta", new double[] {0.5, -1}, read(y), tol(dt), tol(dt));
            assertClose(dt + " mean", new double[] {3, -2}, read(saveMean), tol(dt), tol(dt));
            assertClose(dt + " invStd = 1/sqrt(eps)", new double[] {1 / Math.sqrt(1e-3), 1 / Math.sqrt(1e-3)}, read(saveInvStd), 1e-12, tol(dt));
            assertClose(dt + " running mean", new double[] {0.75 * 1 + 0.25 * 3, 0.75 * 1 + 0.25 * -2}, read(runningMean), tol(dt), tol(dt));
            assertClose(dt + " running var", new double[] {0.75 * 2, 0.75 * 4}, read(runningVar), tol(dt), tol(dt));

            Tensor dx = garbage(dt, xs), dgamma = garbage(dt, cs), dbeta = garbage(dt, cs);
            BACKEND.normalization().backward(bp, x, tensor(dt, xs, new double[] {0.7, -0.4}), gamma, saveMean, saveInvStd, dx, dgamma, dbeta);
            assertClose(dt + " dx: y does not depend on x", new double[] {0, 0}, read(dx), tol(dt), tol(dt));
            assertClose(dt + " dgamma", new double[] {0, 0}, read(dgamma), tol(dt), tol(dt));
            assertClose(dt + " dbeta", new double[] {0.7, -0.4}, read(dbeta), tol(dt), tol(dt));
        }
    }

    @Test void rmspropWhereEpsilonDominatesTheDenominator() {
        // g = 1e-6 from s = 0: s = 0.1 g^2 = 1e-13, sqrt(s) = 3.2e-7 beside eps = 1e-3.
        for (DType dt : DType.values()) {
            Tensor w = tensor(dt, Shape.of(2), new double[] {1, -1});
            Tensor s = tensor(dt, Shape.of(2), new double[] {0, 0});
            BACKEND.optimizer().rmsprop(w, tensor(dt, Shape.of(2), new double[] {1e-6, -1e-6}), s, 0.5, 0.9, 1e-3);
            double step = 0.5 * 1e-6 / (Math.sqrt(0.1 * 1e-12) + 1e-3);
            assertClose(dt + " s", new double[] {0.1 * 1e-12, 0.1 * 1e-12}, read(s), 1e-20, 1e-6);
            assertClose(dt + " w", new double[] {1 - step, -1 + step}, read(w), tol(dt), tol(dt));
        }
    }
}
