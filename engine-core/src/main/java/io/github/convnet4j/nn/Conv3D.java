package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.Activation;
import io.github.convnet4j.backend.ops.Conv3dParams;
import io.github.convnet4j.init.Constant;
import io.github.convnet4j.init.GlorotUniform;
import io.github.convnet4j.init.Initializer;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * 3-D convolution (Keras {@code Conv3D}) on volumes {@code (N, C, D, H, W)} into
 * {@code (N, F, OD, OH, OW)}, run by the backend's {@code Conv3dOps}. Kernel {@code (F, C, T, R, S)}
 * named {@code <layer>/kernel} (PyTorch's {@code Conv3d} layout) and bias {@code (F)}:
 * {@code F*C*T*R*S + F} parameters.
 *
 * <p>Config: {@code filters}, {@code kernel_size} (int or [d, h, w]), {@code strides} (1),
 * {@code padding} ("valid" | "same" | int | [d, h, w]), {@code dilation_rate} (1),
 * {@code use_bias} (true), {@code activation} ("linear"), {@code kernel_initializer}
 * ("glorot_uniform"), {@code bias_initializer} ("zeros"), {@code kernel_regularizer} /
 * {@code bias_regularizer}.
 */
public final class Conv3D extends AbstractLayer {
    private final int filters;
    private final int[] kernel;
    private final int[] strides;
    private final int[] dilation;
    private final Object padding;
    private final boolean useBias;
    private final Initializer kernelInit;
    private final Initializer biasInit;
    private final Regularizer kernelReg;
    private final Regularizer biasReg;
    private final ActivationStage act;

    private Conv3dParams params;
    private TensorSlot outSlot;
    private TensorSlot dxSlot;
    private Tensor x;

    public Conv3D(String name, LayerConfig c) {
        super("Conv3D", name, c);
        filters = c.requiredInt("filters", 1);
        kernel = Window3D.requiredTriple(c, "kernel_size", 1);
        strides = Window3D.triple(c, "strides", new int[] {1, 1, 1}, 1);
        padding = Window3D.padding(c, true);
        dilation = Window3D.triple(c, "dilation_rate", new int[] {1, 1, 1}, 1);
        useBias = c.optionalBoolean("use_bias", true);
        act = new ActivationStage(c.optionalActivation("activation", Activation.LINEAR));
        kernelInit = c.optionalInitializer("kernel_initializer", new GlorotUniform());
        biasInit = c.optionalInitializer("bias_initializer", Constant.ZEROS);
        kernelReg = c.optionalRegularizer("kernel_regularizer");
        biasReg = c.optionalRegularizer("bias_regularizer");
        own(act);
    }

    /** The geometry for an input (C, D, H, W). */
    public Conv3dParams convParams(Shape input) {
        int[][] p = new int[3][];
        for (int a = 0; a < 3; a++) p[a] = Window3D.resolve(padding, a, input.dim(a + 1), kernel[a], strides[a], dilation[a]);
        return new Conv3dParams(strides[0], strides[1], strides[2], p[0][0], p[1][0], p[2][0], p[0][1], p[1][1], p[2][1],
                dilation[0], dilation[1], dilation[2]);
    }

    @Override public Shape outputShape(Shape input) {
        if (input.rank() != 4) throw shapeError("expects a volume input (C, D, H, W), got " + input);
        Conv3dParams p = convParams(input);
        int od = p.outputDepth(input.dim(1), kernel[0]), oh = p.outputHeight(input.dim(2), kernel[1]), ow = p.outputWidth(input.dim(3), kernel[2]);
        if (od <= 0 || oh <= 0 || ow <= 0) {
            throw shapeError("input " + input + " is smaller than the " + kernel[0] + "×" + kernel[1] + "×" + kernel[2] + " kernel");
        }
        return Shape.of(filters, od, oh, ow);
    }

    @Override public List<ParameterSpec> parameterSpecs(Shape input) {
        int c = input.dim(0), field = kernel[0] * kernel[1] * kernel[2];
        List<ParameterSpec> specs = new ArrayList<>();
        specs.add(ParameterSpec.weight("kernel", Shape.of(filters, c, kernel[0], kernel[1], kernel[2]), kernelInit, c * field, filters * field, kernelReg));
        if (useBias) specs.add(ParameterSpec.weight("bias", Shape.of(filters), biasInit, c * field, filters * field, biasReg));
        return specs;
    }

    @Override protected void onBuild() {
        params = convParams(inputShape);
        outSlot = slot();
        dxSlot = slot();
    }

    @Override public Activation outputActivation() { return act.activation(); }

    @Override public Tensor forward(Tensor x, ForwardContext ctx, boolean skipOutputActivation) {
        checkInput(x);
        this.x = x;
        Tensor z = outSlot.batched(backend, x.dim(0), outputShape, dtype);
        backend.conv3d().forward(params, x, param("kernel"), param("bias"), z);
        return act.forward(backend, z, skipOutputActivation);
    }

    @Override public Tensor backward(Tensor dy, boolean needInputGradient) {
        Tensor dz = act.backward(backend, dy);
        if (trainable()) backend.conv3d().backwardFilter(params, x, dz, paramGrad("kernel"), paramGrad("bias"));
        if (!needInputGradient) return null;
        Tensor dx = dxSlot.get(backend, x.shape(), dtype);
        backend.conv3d().backwardData(params, dz, param("kernel"), dx);
        return dx;
    }
}
