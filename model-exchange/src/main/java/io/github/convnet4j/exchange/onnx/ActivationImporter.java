package io.github.convnet4j.exchange.onnx;

import java.util.List;
import java.util.Map;

/** {@code Relu}, {@code LeakyRelu}, {@code Elu}, {@code Sigmoid}, {@code Tanh} and {@code Softmax} (over the features of an (N, F) input). */
final class ActivationImporter implements OpImporter {
    @Override public List<String> ops() { return List.of("Relu", "LeakyRelu", "Elu", "Sigmoid", "Tanh", "Softmax"); }

    @Override public void apply(ImportContext ctx) {
        switch (ctx.node().getOpType()) {
            case "Relu" -> ctx.layer("ReLU", Map.of());
            case "LeakyRelu" -> ctx.layer("LeakyReLU", Map.of("alpha", ctx.floatAttribute("alpha", 0.01)));
            case "Elu" -> ctx.layer("ELU", Map.of("alpha", ctx.floatAttribute("alpha", 1.0)));
            case "Sigmoid" -> ctx.layer("Activation", Map.of("activation", "sigmoid"));
            case "Tanh" -> ctx.layer("Activation", Map.of("activation", "tanh"));
            case "Softmax" -> {
                long axis = ctx.intAttribute("axis", -1);
                if (ctx.shape().rank() != 1 || (axis != 1 && axis != -1)) {
                    throw ctx.fail("softmax over axis " + axis + " of a " + ctx.shape() + " sample; only the features of (N, F) are supported");
                }
                ctx.layer("Softmax", Map.of());
            }
            default -> throw ctx.fail("not an activation");
        }
    }
}
