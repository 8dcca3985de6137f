package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.nn.BatchNormalization;
import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.nn.LayerConfig;
import io.github.convnet4j.nn.Padding;
import io.github.convnet4j.nn.ResidualBlock;
import io.github.convnet4j.tensor.Shape;
import java.util.List;

/**
 * {@code ResidualBlock} as its parts: conv1 (3×3, the block's stride, {@code same}) → bn1 → Relu →
 * conv2 (3×3, stride 1) → bn2, plus the shortcut (x, or a 1×1 strided conv and batch norm), Add,
 * Relu. Node and initializer names follow the block's parameter names ({@code <block>/conv1/kernel}).
 */
final class ResidualBlockEmitter implements LayerEmitter {
    /** The sub-layers' batch norms are built with default settings. */
    private static final double EPSILON = new BatchNormalization("default", LayerConfig.of()).bnParams().epsilon();

    @Override public List<String> types() { return List.of("ResidualBlock"); }

    @Override public String emit(EmitContext ctx, Layer layer, Shape input, String x) {
        ResidualBlock block = (ResidualBlock) layer;
        String n = layer.name();
        int[] s = strides(layer.config().get("strides"));
        Shape out = block.outputShape(input);
        int filters = out.dim(0);
        OnnxGraph g = ctx.graph();
        String a = Conv2DEmitter.conv(ctx, n + "/conv1", same(input, 3, s), x);
        a = BatchNormalizationEmitter.batchNorm(ctx, n + "/bn1", EPSILON, filters, a);
        a = g.node("Relu", n + "/relu1", new String[] {a});
        a = Conv2DEmitter.conv(ctx, n + "/conv2", same(out, 3, new int[] {1, 1}), a);
        a = BatchNormalizationEmitter.batchNorm(ctx, n + "/bn2", EPSILON, filters, a);
        String shortcut = x;
        if (block.needsProjection(input)) {
            shortcut = Conv2DEmitter.conv(ctx, n + "/shortcut_conv", same(input, 1, s), x);
            shortcut = BatchNormalizationEmitter.batchNorm(ctx, n + "/shortcut_bn", EPSILON, filters, shortcut);
        }
        String sum = g.node("Add", n + "/add", new String[] {a, shortcut});
        return g.node("Relu", n, new String[] {sum});
    }

    private static ConvParams same(Shape input, int k, int[] s) {
        int[] p = Padding.SAME.resolve(input.dim(1), input.dim(2), k, k, s[0], s[1], 1, 1);
        return new ConvParams(s[0], s[1], p[0], p[1], p[2], p[3], 1, 1);
    }

    private static int[] strides(Object v) {
        if (v == null) return new int[] {1, 1};
        if (v instanceof Number i) return new int[] {i.intValue(), i.intValue()};
        List<?> l = (List<?>) v;
        return new int[] {((Number) l.get(0)).intValue(), ((Number) l.get(1)).intValue()};
    }
}
