package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.BackendException;
import io.github.convnet4j.backend.ops.BatchNormParams;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static io.github.convnet4j.cpu.TestSupport.BACKEND;
import static io.github.convnet4j.cpu.TestSupport.assertClose;
import static io.github.convnet4j.cpu.TestSupport.f32;
import static io.github.convnet4j.cpu.TestSupport.f64;
import static io.github.convnet4j.cpu.TestSupport.garbage;
import static io.github.convnet4j.cpu.TestSupport.random;
import static io.github.convnet4j.cpu.TestSupport.read;
import static io.github.convnet4j.cpu.TestSupport.tensor;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** F32 batch normalization against the F64 reference, and the reference on 4 values by hand. */
class NormalizationOpsTest {
    @Test
    void batchNormOnFourValuesByHand() {
        BatchNormParams p = new BatchNormParams(1e-3, 0.1);
        for (DType dt : DType.values()) {
            double tol = dt == DType.F64 ? 1e-14 : 1e-6;
            Shape s = Shape.of(4, 1);
            Tensor x = tensor(dt, s, new double[] {1, 2, 3, 4});
            Tensor gamma = tensor(dt, Shape.of(1), new double[] {2});
            Tensor beta = tensor(dt, Shape.of(1), new double[] {0.5});
            Tensor rm = tensor(dt, Shape.of(1), new double[] {0});
            Tensor rv = tensor(dt, Shape.of(1), new double[] {1});
            Tensor y = garbage(dt, s);
            Tensor mean = garbage(dt, Shape.of(1));
            Tensor inv = garbage(dt, Shape.of(1));
            BACKEND.normalization().forwardTraining(p, x, gamma, beta, rm, rv, y, mean, inv);
            // mean 2.5; biased variance (2.25 + 0.25 + 0.25 + 2.25)/4 = 1.25; unbiased 5/3.
            double is = 1 / Math.sqrt(1.25 + 1e-3);
            assertClose(dt + " y", new double[] {0.5 - 3 * is, 0.5 - is, 0.5 + is, 0.5 + 3 * is}, read(y), tol, tol);
            assertClose(dt + " saveMean", new double[] {2.5}, read(mean), tol, tol);
            assertClose(dt + " saveInvStd", new double[] {is}, read(inv), tol, tol);
            assertClose(dt + " running mean 0.9*0 + 0.1*2.5", new double[] {0.25}, read(rm), tol, tol);
            assertClose(dt + " running var 0.9*1 + 0.1*5/3", new double[] {0.9 + 0.5 / 3}, read(rv), tol, tol);

            // Backward with dy = (1, 0, 0, 0): dbeta = 1, dgamma = xhat_0 = -1.5 is,
            // dx_i = gamma is / 4 (4 dy_i - 1 - xhat_i dgamma).
            Tensor dy = tensor(dt, s, new double[] {1, 0, 0, 0});
            Tensor dx = garbage(dt, s);
            Tensor dgamma = garbage(dt, Shape.of(1));
            Tensor dbeta = garbage(dt, Shape.of(1));
            BACKEND.normalization().backward(p, x, dy, gamma, mean, inv, dx, dgamma, dbeta);
            double dg = -1.5 * is;
            double[] expected = new double[4];
            for (int i = 0; i < 4; i++) {
                double xhat = (i + 1 - 2.5) * is;
                expected[i] = 2 * is / 4 * (4 * (i == 0 ? 1 : 0) - 1 - xhat * dg);
            }
            assertClose(dt + " dx", expected, read(dx), tol, tol);
            assertClose(dt + " dgamma", new double[] {dg}, read(dgamma), tol, tol);
            assertClose(dt + " dbeta", new double[] {1}, read(dbeta), tol, tol);

            Tensor yi = garbage(dt, s);
            BACKEND.normalization().forwardInference(p, x, gamma, beta, rm, rv, yi);
            double isr = 1 / Math.sqrt(0.9 + 0.5 / 3 + 1e-3);
            assertClose(dt + " inference", new double[] {2 * (1 - 0.25) * isr + 0.5, 2 * (2 - 0.25) * isr + 0.5,
                2 * (3 - 0.25) * isr + 0.5, 2 * (4 - 0.25) * isr + 0.5}, read(yi), tol, tol);
        }
    }

    @Test
    void f32MatchesF64() {
        Random rng = new Random(13);
        BatchNormParams p = new BatchNormParams(1e-3, 0.01);
        for (Shape s : List.of(Shape.of(8, 5), Shape.of(4, 3, 5, 7), Shape.of(64, 32, 13, 13))) {
            int c = s.dim(1);
            double[] x = random(rng, s.size(), -3, 5);
            double[] dy = random(rng, s.size());
            double[] gamma = random(rng, c, 0.5, 1.5);
            double[] beta = random(rng, c);
            double[] rm = random(rng, c);
            double[] rv = random(rng, c, 0.5, 2);
            Shape cs = Shape.of(c);
            Tensor[] t64 = {f64(cs, rm), f64(cs, rv), garbage(DType.F64, s), garbage(DType.F64, cs), garbage(DType.F64, cs)};
            Tensor[] t32 = {f32(cs, rm), f32(cs, rv), garbage(DType.F32, s), garbage(DType.F32, cs), garbage(DType.F32, cs)};
            BACKEND.normalization().forwardTraining(p, f64(s, x), f64(cs, gamma), f64(cs, beta), t64[0], t64[1], t64[2], t64[3], t64[4]);
            BACKEND.normalization().forwardTraining(p, f32(s, x), f32(cs, gamma), f32(cs, beta), t32[0], t32[1], t32[2], t32[3], t32[4]);
            String[] names = {"running mean", "running var", "y", "saveMean", "saveInvStd"};
            for (int i = 0; i < names.length; i++) assertClose(s + " " + names[i], read(t64[i]), read(t32[i]), 1e-5, 1e-5);

            Tensor yi64 = garbage(DType.F64, s);
            Tensor yi32 = garbage(DType.F32, s);
            BACKEND.normalization().forwardInference(p, f64(s, x), f64(cs, gamma), f64(cs, beta), t64[0], t64[1], yi64);
            BACKEND.normalization().forwardInference(p, f32(s, x), f32(cs, gamma), f32(cs, beta), t32[0], t32[1], yi32);
            assertClose(s + " inference", read(yi64), read(yi32), 1e-5, 1e-5);

            Tensor[] g64 = {garbage(DType.F64, s), garbage(DType.F64, cs), garbage(DType.F64, cs)};
            Tensor[] g32 = {garbage(DType.F32, s), garbage(DType.F32, cs), garbage(DType.F32, cs)};
            BACKEND.normalization().backward(p, f64(s, x), f64(s, dy), f64(cs, gamma), t64[3], t64[4], g64[0], g64[1], g64[2]);
            BACKEND.normalization().backward(p, f32(s, x), f32(s, dy), f32(cs, gamma), t32[3], t32[4], g32[0], g32[1], g32[2]);
            long m = s.size() / c;
            assertClose(s + " dx", read(g64[0]), read(g32[0]), 1e-5, 1e-4);
            assertClose(s + " dgamma", read(g64[1]), read(g32[1]), 1e-6 * m, 1e-5);
            assertClose(s + " dbeta", read(g64[2]), read(g32[2]), 1e-6 * m, 1e-5);
        }
    }

    @Test
    void shapeMismatchNamesOpAndShapes() {
        Tensor x = BACKEND.allocate(Shape.of(4, 3, 2, 2));
        Tensor c3 = BACKEND.allocate(Shape.of(3));
        Tensor c4 = BACKEND.allocate(Shape.of(4));
        BackendException e = assertThrows(BackendException.class,
                () -> BACKEND.normalization().forwardInference(new BatchNormParams(1e-3, 0.01), x, c3, c4, c3, c3, x));
        assertTrue(e.getMessage().startsWith("batch-norm forward inference: beta (4,) should hold 3 elements"), e.getMessage());
    }
}
