package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.nn.BatchNormalization;
import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.tensor.Shape;
import java.util.List;

/**
 * {@code BatchNormalization} at inference: ONNX {@code BatchNormalization} with the moving
 * statistics; a layer without {@code gamma} ({@code scale: false}) or {@code beta}
 * ({@code center: false}) gets ones or zeros.
 */
final class BatchNormalizationEmitter implements LayerEmitter {
    @Override public List<String> types() { return List.of("BatchNormalization"); }

    @Override public String emit(EmitContext ctx, Layer layer, Shape input, String x) {
        return batchNorm(ctx, layer.name(), ((BatchNormalization) layer).bnParams().epsilon(), input.dim(0), x);
    }

    /** A BatchNormalization node over channel dimension 1 for the parameters under {@code name}. */
    static String batchNorm(EmitContext ctx, String name, double epsilon, int channels, String x) {
        OnnxGraph g = ctx.graph();
        Shape c = Shape.of(channels);
        String gamma = ctx.has(name + "/gamma") ? ctx.initializer(name + "/gamma") : g.constant(name + "/gamma", c, 1f);
        String beta = ctx.has(name + "/beta") ? ctx.initializer(name + "/beta") : g.constant(name + "/beta", c, 0f);
        return g.node("BatchNormalization", name, new String[] {x, gamma, beta,
                ctx.initializer(name + "/moving_mean"), ctx.initializer(name + "/moving_variance")}, OnnxGraph.f("epsilon", epsilon));
    }
}
