package io.github.convnet4j.conformance;

import io.github.convnet4j.backend.ops.BatchNormParams;
import io.github.convnet4j.tensor.Shape;

import java.util.List;
import java.util.stream.Stream;

import static io.github.convnet4j.conformance.Cases.maxAbs;
import static io.github.convnet4j.conformance.Cases.group;
import static io.github.convnet4j.conformance.Cases.test;

/**
 * Batch normalization for {@code (N, C, H, W)} and {@code (N, C)}: training forward (output, saved
 * mean and inverse std, running-statistics update with the unbiased variance), inference forward
 * and backward. Channels get different offsets (up to +-2) and spreads (0.5 to 2) so a statistic
 * taken over the wrong axis shows. The last shape is a batch norm of resnet-small's second stage at batch 2.
 * Tolerances: {@link BatchNormTolerances}.
 */
final class NormalizationConformance {
    private NormalizationConformance() {}

    static List<Shape> shapes() {
        return List.of(Shape.of(4, 3, 5, 5), Shape.of(1, 2, 3, 3), Shape.of(8, 6), Shape.of(2, 4), Shape.of(8, 16, 16, 16), Shape.of(256, 64),
                Shape.of(2, 128, 16, 16));
    }

    static List<BatchNormParams> params() {
        return List.of(new BatchNormParams(1e-3, 0.1), new BatchNormParams(1e-5, 1.0));
    }

    static Stream<CaseNode> tests(BackendPair pair) {
        return shapes().stream().flatMap(shape -> params().stream().map(p -> {
            String name = "batch norm x " + shape + " eps " + p.epsilon() + " factor " + p.averagingFactor();
            return group(name, Stream.of(
                    test(name, "forwardTraining", pair, s -> training(s, shape, p, false)),
                    test(name, "backward", pair, s -> training(s, shape, p, true)),
                    test(name, "forwardInference", pair, s -> inference(s, shape, p))));
        }));
    }

    /** Per-channel offset and spread so every channel has its own statistics. */
    private static double[] input(Shape shape, Data d) {
        int c = shape.dim(1);
        int inner = shape.sampleSize() / c;
        double[] offset = d.uniform(c, -2, 2);
        double[] spread = d.uniform(c, 0.5, 2);
        double[] x = d.uniform(shape);
        for (int i = 0; i < x.length; i++) {
            int ch = (i / inner) % c;
            x[i] = (float) (offset[ch] + spread[ch] * x[i]);
        }
        return x;
    }

    private static void training(Scope s, Shape shape, BatchNormParams p, boolean backward) {
        Data d = new Data(Cases.seed("bn " + shape + p));
        int c = shape.dim(1);
        long m = shape.size() / c;
        Shape ch = Shape.of(c);
        double[] xv = input(shape, d);
        double[] gammaV = d.awayFromZero(c, 1.5, 0.5);
        double[] betaV = d.uniform(ch);
        Twin x = s.upload(shape, xv);
        Twin gamma = s.upload(ch, gammaV);
        Twin beta = s.upload(ch, betaV);
        double[] runMeanV = d.uniform(ch);
        Twin runMean = s.upload(ch, runMeanV);
        Twin runVar = s.upload(ch, d.uniform(c, 0.5, 2));
        Twin y = s.garbage(shape);
        Twin saveMean = s.garbage(ch);
        Twin saveInvStd = s.garbage(ch);
        s.pair().test.normalization().forwardTraining(p, x.test(), gamma.test(), beta.test(), runMean.test(), runVar.test(), y.test(), saveMean.test(), saveInvStd.test());
        s.pair().ref.normalization().forwardTraining(p, x.ref(), gamma.ref(), beta.ref(), runMean.ref(), runVar.ref(), y.ref(), saveMean.ref(), saveInvStd.ref());

        double[] invStd = s.ref(saveInvStd);
        double maxXhat = BatchNormTolerances.maxNormalized(xv, s.ref(saveMean), invStd, shape.sampleSize() / c);
        BatchNormTolerances tol = new BatchNormTolerances(m, maxXhat, maxAbs(xv), maxAbs(gammaV), maxAbs(betaV));
        // The backward case checks its forward pass too: everything a case computes is checked.
        s.check("bn saveMean", saveMean, tol.mean());
        s.check("bn saveInvStd", saveInvStd, tol.invStd(maxAbs(invStd)));
        s.check("bn y", y, tol.y());
        s.check("bn runningMean", runMean, tol.runningMean(maxAbs(runMeanV)));
        s.check("bn runningVar", runVar, tol.runningVar(maxAbs(s.ref(runVar))));
        if (!backward) return;
        double[] dyV = d.uniform(shape);
        Twin dy = s.upload(shape, dyV);
        Twin dx = s.garbage(shape);
        Twin dgamma = s.garbage(ch);
        Twin dbeta = s.garbage(ch);
        s.pair().test.normalization().backward(p, x.test(), dy.test(), gamma.test(), saveMean.test(), saveInvStd.test(), dx.test(), dgamma.test(), dbeta.test());
        s.pair().ref.normalization().backward(p, x.ref(), dy.ref(), gamma.ref(), saveMean.ref(), saveInvStd.ref(), dx.ref(), dgamma.ref(), dbeta.ref());
        double dyMax = maxAbs(dyV);
        s.check("bn backward dx", dx, tol.dx(maxAbs(invStd), dyMax));
        s.check("bn backward dgamma", dgamma, tol.dgamma(dyMax));
        s.check("bn backward dbeta", dbeta, tol.dbeta(dyMax));
    }

    private static void inference(Scope s, Shape shape, BatchNormParams p) {
        Data d = new Data(Cases.seed("bn inference " + shape + p));
        int c = shape.dim(1);
        Shape ch = Shape.of(c);
        double[] xv = input(shape, d);
        double[] gammaV = d.awayFromZero(c, 1.5, 0.5);
        double[] betaV = d.uniform(ch);
        double[] meanV = d.uniform(c, -2, 2);
        double[] varV = d.uniform(c, 0.25, 4);
        Twin x = s.upload(shape, xv);
        Twin gamma = s.upload(ch, gammaV);
        Twin beta = s.upload(ch, betaV);
        Twin mean = s.upload(ch, meanV);
        Twin var = s.upload(ch, varV);
        Twin y = s.garbage(shape);
        s.pair().test.normalization().forwardInference(p, x.test(), gamma.test(), beta.test(), mean.test(), var.test(), y.test());
        s.pair().ref.normalization().forwardInference(p, x.ref(), gamma.ref(), beta.ref(), mean.ref(), var.ref(), y.ref());
        double maxScale = maxAbs(gammaV) / Math.sqrt(0.25 + p.epsilon());   // var >= 0.25
        s.check("bn inference y", y, BatchNormTolerances.inference(maxAbs(xv), maxAbs(meanV), maxScale, maxAbs(betaV)));
    }
}
