package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.nn.Dense;
import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.tensor.Shape;
import java.util.List;

/** {@code Dense}: ONNX {@code Gemm} with {@code transB=1} (kernel (units, F) as {@code nn.Linear}) plus the fused activation. */
final class DenseEmitter implements LayerEmitter {
    @Override public List<String> types() { return List.of("Dense"); }

    @Override public String emit(EmitContext ctx, Layer layer, Shape input, String x) {
        String name = layer.name();
        String kernel = ctx.initializer(name + "/kernel");
        String[] inputs = ctx.has(name + "/bias") ? new String[] {x, kernel, ctx.initializer(name + "/bias")} : new String[] {x, kernel};
        String y = ctx.graph().node("Gemm", name, inputs, OnnxGraph.i("transB", 1));
        return ActivationNodes.emit(ctx.graph(), ((Dense) layer).outputActivation(), layer.outputShape(input), y, name + "/activation");
    }
}
