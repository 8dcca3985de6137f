package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.nn.ZeroPadding2D;
import io.github.convnet4j.tensor.Shape;
import java.util.List;

/** {@code ZeroPadding2D} as ONNX {@code Pad} (constant 0) with pads {@code [0, 0, top, left, 0, 0, bottom, right]}. */
final class ZeroPadding2DEmitter implements LayerEmitter {
    @Override public List<String> types() { return List.of("ZeroPadding2D"); }

    @Override public String emit(EmitContext ctx, Layer layer, Shape input, String x) {
        int[] p = ((ZeroPadding2D) layer).amounts(); // top, bottom, left, right
        String pads = ctx.graph().int64s(layer.name() + "/pads", 0, 0, p[0], p[2], 0, 0, p[1], p[3]);
        return ctx.graph().node("Pad", layer.name(), new String[] {x, pads});
    }
}
