package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.nn.ZeroPadding2D;
import io.github.convnet4j.tensor.Shape;
import java.util.List;

/**
 * Layers that only move values: {@code Reshape} as ONNX {@code Reshape} to {@code (N, target...)}
 * (batch dimension copied with 0; both keep row-major order) and {@code ZeroPadding2D} as a
 * constant {@code Pad} with pads {@code [0, 0, top, left, 0, 0, bottom, right]}.
 */
final class ShapeLayerEmitter implements LayerEmitter {
    @Override public List<String> types() { return List.of("Reshape", "ZeroPadding2D"); }

    @Override public String emit(EmitContext ctx, Layer layer, Shape input, String x) {
        OnnxGraph g = ctx.graph();
        String n = layer.name();
        if (layer instanceof ZeroPadding2D pad) {
            int[] p = pad.pads();
            String pads = g.int64s(n + "/pads", 0, 0, p[0], p[1], 0, 0, p[2], p[3]);
            return g.node("Pad", n, new String[] {x, pads}, OnnxGraph.s("mode", "constant"));
        }
        Shape target = layer.outputShape(input);
        long[] dims = new long[target.rank() + 1];
        for (int i = 0; i < target.rank(); i++) dims[i + 1] = target.dim(i);
        return g.node("Reshape", n, new String[] {x, g.int64s(n + "/target_shape", dims)});
    }
}
