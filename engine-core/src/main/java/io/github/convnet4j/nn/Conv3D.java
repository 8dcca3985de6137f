package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.Conv3dParams;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
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
public final class Conv3D extends ConvolutionLayer<Conv3dParams> {
    private final int filters;
    private final int[] kernel;
    private final int[] strides;
    private final int[] dilation;
    private final Object padding;

    public Conv3D(String name, LayerConfig c) {
        super("Conv3D", name, c);
        filters = c.requiredInt("filters", 1);
        kernel = Window3D.requiredTriple(c, "kernel_size", 1);
        strides = Window3D.triple(c, "strides", new int[] {1, 1, 1}, 1);
        padding = Window3D.padding(c, true);
        dilation = Window3D.triple(c, "dilation_rate", new int[] {1, 1, 1}, 1);
        readOptions(c, "kernel");
    }

    /** The geometry for an input (C, D, H, W). */
    @Override public Conv3dParams convParams(Shape input) {
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
        return options().kernelAndBias(Shape.of(filters, c, kernel[0], kernel[1], kernel[2]), filters, c * field, filters * field);
    }

    @Override void convolve(Tensor x, Tensor z) { backend.conv3d().forward(params(), x, param("kernel"), param("bias"), z); }

    @Override void filterGradient(Tensor x, Tensor dz) { backend.conv3d().backwardFilter(params(), x, dz, paramGrad("kernel"), paramGrad("bias")); }

    @Override void inputGradient(Tensor dz, Tensor dx) { backend.conv3d().backwardData(params(), dz, param("kernel"), dx); }
}
