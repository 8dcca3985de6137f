package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.backend.ops.PoolParams;
import java.util.Arrays;

/**
 * ONNX {@code Conv}, {@code MaxPool} and {@code AveragePool} nodes of any spatial rank, for the
 * conv-family emitters. Pads are always explicit ({@code [begin..., end...]}), resolved for the
 * input size, so Keras's asymmetric {@code same} and {@code causal} are exact.
 */
final class ConvNodes {
    private ConvNodes() {}

    /**
     * A Conv node with the kernel initializer {@code kernel} ({@code (K, C/group, k...)}, kernel
     * shape read from it) and, when non-null and present in the weights, the bias {@code bias}.
     *
     * @param pads begin pads of every spatial axis, then end pads
     */
    static String conv(EmitContext ctx, String name, String kernel, String bias, String x, long[] strides, long[] pads,
                       long[] dilations, int group) {
        int[] k = ctx.weight(kernel).shape().dims();
        long[] window = Arrays.stream(Arrays.copyOfRange(k, 2, k.length)).asLongStream().toArray();
        String w = ctx.initializer(kernel);
        String[] inputs = bias != null && ctx.has(bias) ? new String[] {x, w, ctx.initializer(bias)} : new String[] {x, w};
        return ctx.graph().node("Conv", name, inputs,
                OnnxGraph.ints("kernel_shape", window),
                OnnxGraph.ints("strides", strides),
                OnnxGraph.ints("pads", pads),
                OnnxGraph.ints("dilations", dilations),
                OnnxGraph.i("group", group));
    }

    /** MaxPool, or AveragePool leaving padding out of the count as our pooling does. */
    static String pool(OnnxGraph g, String name, PoolParams.Mode mode, String x, long[] window, long[] strides, long[] pads) {
        var w = OnnxGraph.ints("kernel_shape", window);
        var s = OnnxGraph.ints("strides", strides);
        var p = OnnxGraph.ints("pads", pads);
        return mode == PoolParams.Mode.MAX ? g.node("MaxPool", name, new String[] {x}, w, s, p)
                : g.node("AveragePool", name, new String[] {x}, w, s, p, OnnxGraph.i("count_include_pad", 0));
    }

    /** {@code values} as a long array (attribute helper). */
    static long[] longs(int... values) { return Arrays.stream(values).asLongStream().toArray(); }
}
