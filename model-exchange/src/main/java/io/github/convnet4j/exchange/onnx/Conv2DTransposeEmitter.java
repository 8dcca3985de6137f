package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.nn.Conv2DTranspose;
import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.tensor.Shape;
import java.util.List;

/**
 * {@code Conv2DTranspose} as ONNX {@code ConvTranspose}: kernel {@code (C, F, R, S)} as is (ONNX's
 * layout too), pads those of the convolution it is the adjoint of, and {@code output_padding} the
 * rows and columns Keras's output size adds past the last window (those get only the bias, in ONNX too).
 * ONNX's output length per axis is {@code (n-1)*s + d*(k-1)+1 - padBegin - padEnd + output_padding}.
 */
final class Conv2DTransposeEmitter implements LayerEmitter {
    @Override public List<String> types() { return List.of("Conv2DTranspose"); }

    @Override public String emit(EmitContext ctx, Layer layer, Shape input, String x) {
        Conv2DTranspose conv = (Conv2DTranspose) layer;
        String name = layer.name();
        ConvParams p = conv.convParams(input);
        Shape out = conv.outputShape(input);
        Shape k = ctx.weight(name + "/kernel").shape();
        int extraH = out.dim(1) - covered(input.dim(1), p.strideH(), p.dilationH(), k.dim(2), p.padTop() + p.padBottom());
        int extraW = out.dim(2) - covered(input.dim(2), p.strideW(), p.dilationW(), k.dim(3), p.padLeft() + p.padRight());
        if (extraH < 0 || extraW < 0) {
            throw new IllegalArgumentException("layer " + name + ": output " + out + " is smaller than the transposed windows cover");
        }
        String w = ctx.initializer(name + "/kernel");
        String[] inputs = ctx.has(name + "/bias") ? new String[] {x, w, ctx.initializer(name + "/bias")} : new String[] {x, w};
        String y = ctx.graph().node("ConvTranspose", name, inputs,
                OnnxGraph.ints("kernel_shape", k.dim(2), k.dim(3)),
                OnnxGraph.ints("strides", p.strideH(), p.strideW()),
                OnnxGraph.ints("pads", p.padTop(), p.padLeft(), p.padBottom(), p.padRight()),
                OnnxGraph.ints("dilations", p.dilationH(), p.dilationW()),
                OnnxGraph.ints("output_padding", extraH, extraW));
        return ActivationNodes.emit(ctx.graph(), conv.outputActivation(), out, y, name + "/activation");
    }

    /** ONNX's output length without output padding. */
    private static int covered(int n, int stride, int dilation, int k, int pads) {
        return (n - 1) * stride + dilation * (k - 1) + 1 - pads;
    }
}
