package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.backend.ops.PoolParams;
import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.nn.Pooling2D;
import io.github.convnet4j.tensor.Shape;
import java.util.List;

/**
 * {@code MaxPooling2D} and {@code AveragePooling2D} as ONNX {@code MaxPool} / {@code AveragePool}
 * with explicit pads; average pooling leaves padding out of the count ({@code count_include_pad=0}),
 * as our pooling does.
 */
final class Pooling2DEmitter implements LayerEmitter {
    @Override public List<String> types() { return List.of("MaxPooling2D", "AveragePooling2D"); }

    @Override public String emit(EmitContext ctx, Layer layer, Shape input, String x) {
        PoolParams p = ((Pooling2D) layer).poolParams(input);
        boolean max = p.mode() == PoolParams.Mode.MAX;
        var window = OnnxGraph.ints("kernel_shape", p.windowH(), p.windowW());
        var strides = OnnxGraph.ints("strides", p.strideH(), p.strideW());
        var pads = OnnxGraph.ints("pads", p.padTop(), p.padLeft(), p.padBottom(), p.padRight());
        return max ? ctx.graph().node("MaxPool", layer.name(), new String[] {x}, window, strides, pads)
                : ctx.graph().node("AveragePool", layer.name(), new String[] {x}, window, strides, pads, OnnxGraph.i("count_include_pad", 0));
    }
}
