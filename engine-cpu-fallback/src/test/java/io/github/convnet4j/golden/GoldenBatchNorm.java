package io.github.convnet4j.golden;

import io.github.convnet4j.backend.ops.BatchNormParams;
import io.github.convnet4j.conformance.BatchNormTolerances;
import io.github.convnet4j.golden.GoldenFile.Case;
import io.github.convnet4j.golden.GoldenFile.GoldenTensor;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

/**
 * {@code torch.native_batch_norm} in training mode (output, saved mean and inverse std, running
 * statistics updated with the unbiased variance and PyTorch's momentum as our averaging factor),
 * the gradients of {@code F.batch_norm}, and inference with the running statistics.
 */
final class GoldenBatchNorm {
    private GoldenBatchNorm() {}

    static void check(GoldenScope s, Case c) {
        BatchNormParams p = new BatchNormParams(c.param("epsilon").doubleValue(), c.param("averagingFactor").doubleValue());
        GoldenTensor gx = c.tensor("x");
        Shape shape = gx.shape();
        int channels = shape.dim(1);
        Shape ch = Shape.of(channels);
        long m = shape.size() / channels;

        Tensor x = s.input("x", gx);
        Tensor gamma = s.input("gamma", c.tensor("gamma"));
        Tensor beta = s.input("beta", c.tensor("beta"));
        Tensor runMean = s.input("running_mean_in", c.tensor("running_mean_in"));
        Tensor runVar = s.input("running_var_in", c.tensor("running_var_in"));
        Tensor y = s.output(shape);
        Tensor saveMean = s.output(ch);
        Tensor saveInvStd = s.output(ch);
        s.backend().normalization().forwardTraining(p, x, gamma, beta, runMean, runVar, y, saveMean, saveInvStd);

        double[] invStd = c.tensor("save_inv_std").data();
        double maxXhat = BatchNormTolerances.maxNormalized(gx.data(), c.tensor("save_mean").data(), invStd, shape.sampleSize() / channels);
        BatchNormTolerances tol = new BatchNormTolerances(m, maxXhat, maxAbs(gx), maxAbs(c.tensor("gamma")), maxAbs(c.tensor("beta")));
        s.check("batch norm y", y, c.tensor("y"), tol.y());
        s.check("batch norm save_mean", saveMean, c.tensor("save_mean"), tol.mean());
        s.check("batch norm save_inv_std", saveInvStd, c.tensor("save_inv_std"), tol.invStd(maxAbs(c.tensor("save_inv_std"))));
        s.check("batch norm running_mean", runMean, c.tensor("running_mean_out"), tol.runningMean(maxAbs(c.tensor("running_mean_in"))));
        s.check("batch norm running_var", runVar, c.tensor("running_var_out"), tol.runningVar(maxAbs(c.tensor("running_var_out"))));

        Tensor dy = s.input("dy", c.tensor("dy"));
        Tensor dx = s.output(shape);
        Tensor dgamma = s.output(ch);
        Tensor dbeta = s.output(ch);
        s.backend().normalization().backward(p, x, dy, gamma, saveMean, saveInvStd, dx, dgamma, dbeta);
        double maxDy = maxAbs(c.tensor("dy"));
        s.check("batch norm dx", dx, c.tensor("dx"), tol.dx(maxAbs(c.tensor("save_inv_std")), maxDy));
        s.check("batch norm dgamma", dgamma, c.tensor("dgamma"), tol.dgamma(maxDy));
        s.check("batch norm dbeta", dbeta, c.tensor("dbeta"), tol.dbeta(maxDy));

        Tensor meanIn = s.input("running_mean_in", c.tensor("running_mean_in"));
        Tensor varIn = s.input("running_var_in", c.tensor("running_var_in"));
        Tensor yInference = s.output(shape);
        s.backend().normalization().forwardInference(p, x, gamma, beta, meanIn, varIn, yInference);
        double maxScale = 0;
        double[] g = c.tensor("gamma").data(), v = c.tensor("running_var_in").data();
        for (int i = 0; i < channels; i++) maxScale = Math.max(maxScale, Math.abs(g[i]) / Math.sqrt(v[i] + p.epsilon()));
        s.check("batch norm inference y", yInference, c.tensor("y_inference"),
                BatchNormTolerances.inference(maxAbs(gx), maxAbs(c.tensor("running_mean_in")), maxScale, maxAbs(c.tensor("beta"))));
    }

    private static double maxAbs(GoldenTensor t) {
        double m = 0;
        for (double v : t.data()) m = Math.max(m, Math.abs(v));
        return m;
    }
}
