package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.Activation;
import io.github.convnet4j.init.Constant;
import io.github.convnet4j.init.GlorotUniform;
import io.github.convnet4j.init.Initializer;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Fully connected layer {@code y = f(x W^T + b)}: input {@code (N, F)}, kernel {@code (units, F)}
 * (PyTorch's {@code nn.Linear} layout), bias {@code (units)}, output {@code (N, units)}.
 *
 * <p>Config: {@code units}, {@code activation} ("linear"), {@code use_bias} (true),
 * {@code kernel_initializer} ("glorot_uniform"), {@code bias_initializer} ("zeros"),
 * {@code kernel_regularizer} / {@code bias_regularizer}.
 */
public final class Dense extends AbstractLayer {
    private final int units;
    private final boolean useBias;
    private final Initializer kernelInit;
    private final Initializer biasInit;
    private final Regularizer kernelReg;
    private final Regularizer biasReg;
    private final ActivationStage act;

    private TensorSlot outSlot;
    private TensorSlot dxSlot;
    private Tensor x;

    public Dense(String name, LayerConfig c) {
        super("Dense", name, c);
        units = c.requiredInt("units", 1);
        act = new ActivationStage(c.optionalActivation("activation", Activation.LINEAR));
        useBias = c.optionalBoolean("use_bias", true);
        kernelInit = c.optionalInitializer("kernel_initializer", new GlorotUniform());
        biasInit = c.optionalInitializer("bias_initializer", Constant.ZEROS);
        kernelReg = c.optionalRegularizer("kernel_regularizer");
        biasReg = c.optionalRegularizer("bias_regularizer");
        own(act);
    }

    @Override public Shape outputShape(Shape input) {
        if (input.rank() != 1) throw shapeError("expects a flat input (F), got " + input + "; add a Flatten or GlobalAveragePooling2D layer before it");
        return Shape.of(units);
    }

    @Override public List<ParameterSpec> parameterSpecs(Shape input) {
        int in = input.dim(0);
        List<ParameterSpec> specs = new ArrayList<>();
        specs.add(ParameterSpec.weight("kernel", Shape.of(units, in), kernelInit, in, units, kernelReg));
        if (useBias) specs.add(ParameterSpec.weight("bias", Shape.of(units), biasInit, in, units, biasReg));
        return specs;
    }

    @Override protected void onBuild() {
        outSlot = slot();
        dxSlot = slot();
    }

    @Override public Activation outputActivation() { return act.activation(); }

    @Override public Tensor forward(Tensor x, ForwardContext ctx, boolean skipOutputActivation) {
        checkInput(x);
        this.x = x;
        Tensor z = outSlot.batched(backend, x.dim(0), outputShape, dtype);
        backend.gemm().gemm(false, true, 1, x, param("kernel"), 0, z);
        if (useBias) backend.elementwise().addBias(z, param("bias"));
        return act.forward(backend, z, skipOutputActivation);
    }

    @Override public Tensor backward(Tensor dy, boolean needInputGradient) {
        Tensor dz = act.backward(backend, dy, gradientPool());
        if (trainable()) {
            // dW (units, F) = dz^T (units, N) x (N, F)
            backend.gemm().gemm(true, false, 1, dz, x, 0, paramGrad("kernel"));
            if (useBias) backend.elementwise().biasGradient(dz, paramGrad("bias"));
        }
        if (!needInputGradient) return null;
        Tensor dx = gradientBuffer(dxSlot, x.shape());
        backend.gemm().gemm(false, false, 1, dz, param("kernel"), 0, dx);
        return dx;
    }
}
