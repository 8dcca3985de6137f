package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.BatchNormParams;
import io.github.convnet4j.init.Constant;
import io.github.convnet4j.init.Initializer;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Batch normalization over channel dimension 1 of {@code (N, C, H, W)} or {@code (N, F)}; statistics
 * run over N (and H, W). Parameters, each {@code (C)}: {@code gamma} and {@code beta} (trainable,
 * present when {@code scale} / {@code center}), {@code moving_mean} and {@code moving_variance}
 * (state without gradient, saved with the model).
 *
 * <p>A training forward of a trainable layer uses the batch statistics and updates the moving ones;
 * otherwise (inference, or a frozen layer, as Keras does for transfer learning) the moving
 * statistics are used, and backward differentiates that affine function.
 *
 * <p>Config: {@code momentum} (0.99, Keras: moving = momentum*moving + (1-momentum)*batch),
 * {@code epsilon} (1e-3), {@code center} (true), {@code scale} (true),
 * {@code beta_initializer}, {@code gamma_initializer}, {@code moving_mean_initializer},
 * {@code moving_variance_initializer}.
 */
public final class BatchNormalization extends AbstractLayer {
    private final BatchNormParams bnParams;
    private final boolean center;
    private final boolean scale;
    private final Initializer betaInit;
    private final Initializer gammaInit;
    private final Initializer meanInit;
    private final Initializer varianceInit;

    private Tensor ones;
    private Tensor zeros;
    private Tensor saveMean;
    private Tensor saveInvStd;
    private Tensor scratchGamma;
    private Tensor scratchBeta;
    private TensorSlot outSlot;
    private TensorSlot dxSlot;
    private TensorSlot normalizedSlot;
    private Tensor x;
    private boolean batchStatistics;

    public BatchNormalization(String name, LayerConfig c) {
        super("BatchNormalization", name, c);
        double momentum = c.optionalDouble("momentum", 0.99);
        if (!(momentum >= 0 && momentum <= 1)) throw new IllegalArgumentException("key 'momentum' must be in [0, 1], got " + momentum);
        double epsilon = c.optionalDouble("epsilon", 1e-3);
        if (!(epsilon > 0)) throw new IllegalArgumentException("key 'epsilon' must be > 0, got " + epsilon);
        bnParams = new BatchNormParams(epsilon, 1 - momentum);
        center = c.optionalBoolean("center", true);
        scale = c.optionalBoolean("scale", true);
        betaInit = c.optionalInitializer("beta_initializer", Constant.ZEROS);
        gammaInit = c.optionalInitializer("gamma_initializer", Constant.ONES);
        meanInit = c.optionalInitializer("moving_mean_initializer", Constant.ZEROS);
        varianceInit = c.optionalInitializer("moving_variance_initializer", Constant.ONES);
    }

    /** Epsilon and averaging factor as the normalization ops take them. */
    public BatchNormParams bnParams() { return bnParams; }

    @Override public Shape outputShape(Shape input) {
        if (input.rank() != 1 && input.rank() != 3) throw shapeError("expects (C, H, W) or (F) input, got " + input);
        return input;
    }

    @Override public List<ParameterSpec> parameterSpecs(Shape input) {
        Shape c = Shape.of(input.dim(0));
        List<ParameterSpec> specs = new ArrayList<>();
        if (scale) specs.add(ParameterSpec.weight("gamma", c, gammaInit, input.dim(0), input.dim(0), Regularizer.NONE));
        if (center) specs.add(ParameterSpec.weight("beta", c, betaInit, input.dim(0), input.dim(0), Regularizer.NONE));
        specs.add(ParameterSpec.state("moving_mean", c, meanInit));
        specs.add(ParameterSpec.state("moving_variance", c, varianceInit));
        return specs;
    }

    @Override protected void onBuild() {
        Shape c = Shape.of(inputShape.dim(0));
        ones = allocateOwned(c);
        backend.elementwise().fill(ones, 1);
        zeros = allocateOwned(c);
        saveMean = allocateOwned(c);
        saveInvStd = allocateOwned(c);
        scratchGamma = allocateOwned(c);
        scratchBeta = allocateOwned(c);
        outSlot = slot();
        dxSlot = slot();
        normalizedSlot = slot();
    }

    private Tensor gamma() { return scale ? param("gamma") : ones; }
    private Tensor beta() { return center ? param("beta") : zeros; }
    private Tensor gammaGrad() { return scale && trainable() ? paramGrad("gamma") : scratchGamma; }
    private Tensor betaGrad() { return center && trainable() ? paramGrad("beta") : scratchBeta; }

    /** Backward reads the input x and the saved statistics, never the output. */
    @Override public boolean backwardReadsOutput() { return false; }

    @Override public Tensor forward(Tensor x, ForwardContext ctx, boolean skipOutputActivation) {
        checkInput(x);
        this.x = x;
        batchStatistics = ctx.training() && trainable();
        Tensor y = outSlot.get(backend, x.shape(), dtype);
        if (batchStatistics) {
            backend.normalization().forwardTraining(bnParams, x, gamma(), beta(), param("moving_mean"), param("moving_variance"),
                    y, saveMean, saveInvStd);
        } else {
            backend.normalization().forwardInference(bnParams, x, gamma(), beta(), param("moving_mean"), param("moving_variance"), y);
        }
        return y;
    }

    @Override public Tensor backward(Tensor dy, boolean needInputGradient) {
        Tensor dx = gradientBuffer(dxSlot, x.shape());
        if (batchStatistics) {
            backend.normalization().backward(bnParams, x, dy, gamma(), saveMean, saveInvStd, dx, gammaGrad(), betaGrad());
            return needInputGradient ? dx : null;
        }
        // The forward was y = gamma (x - mean) / sqrt(var + eps) + beta with fixed statistics.
        if (trainable()) {
            if (center) backend.elementwise().biasGradient(dy, paramGrad("beta"));
            if (scale) {
                Tensor normalized = normalizedSlot.get(backend, x.shape(), dtype);
                backend.normalization().forwardInference(bnParams, x, ones, zeros, param("moving_mean"), param("moving_variance"), normalized);
                backend.elementwise().multiply(normalized, dy, normalized);
                backend.elementwise().biasGradient(normalized, paramGrad("gamma"));
            }
        }
        if (!needInputGradient) return null;
        // dx = gamma dy / sqrt(var + eps): the inference op with zero mean and zero shift computes exactly that.
        backend.normalization().forwardInference(bnParams, dy, gamma(), zeros, zeros, param("moving_variance"), dx);
        return dx;
    }
}
