package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.backend.ops.Activation;
import io.github.convnet4j.tensor.Shape;

/** ONNX nodes for an {@link Activation}, shared by activation layers and fused activations of Conv2D and Dense. */
final class ActivationNodes {
    private ActivationNodes() {}

    /**
     * @param input per-sample shape of {@code x}
     * @param name  base name of the nodes
     * @return the activated value's name ({@code x} itself for linear)
     */
    static String emit(OnnxGraph g, Activation a, Shape input, String x, String name) {
        return switch (a.kind()) {
            case LINEAR -> x;
            case RELU -> g.node("Relu", name, new String[] {x});
            case LEAKY_RELU -> g.node("LeakyRelu", name, new String[] {x}, OnnxGraph.f("alpha", a.alpha()));
            case ELU -> g.node("Elu", name, new String[] {x}, OnnxGraph.f("alpha", a.alpha()));
            case SIGMOID -> g.node("Sigmoid", name, new String[] {x});
            case TANH -> g.node("Tanh", name, new String[] {x});
            case SWISH -> g.node("Mul", name, new String[] {x, g.node("Sigmoid", name + "/sigmoid", new String[] {x})});
            case SOFTMAX -> softmax(g, input, x, name);
        };
    }

    /** Our softmax runs over each sample's values as one row, whatever the sample's rank. */
    private static String softmax(OnnxGraph g, Shape input, String x, String name) {
        if (input.rank() == 1) return g.node("Softmax", name, new String[] {x}, OnnxGraph.i("axis", 1));
        String rows = g.node("Flatten", name + "/rows", new String[] {x}, OnnxGraph.i("axis", 1));
        String y = g.node("Softmax", name, new String[] {rows}, OnnxGraph.i("axis", 1));
        long[] back = new long[input.rank() + 1];
        back[0] = -1;
        for (int i = 0; i < input.rank(); i++) back[i + 1] = input.dim(i);
        return g.node("Reshape", name + "/shape", new String[] {y, g.int64s(name + "/target_shape", back)});
    }
}
