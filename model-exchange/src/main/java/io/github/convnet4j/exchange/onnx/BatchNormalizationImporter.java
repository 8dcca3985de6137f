package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.tensor.HostTensor;
import java.util.List;
import java.util.Map;

/**
 * {@code BatchNormalization} (inference form: scale, B, mean, var) as {@code BatchNormalization}
 * with ONNX's epsilon and momentum (both use {@code running = momentum*running + (1-momentum)*batch}).
 */
final class BatchNormalizationImporter implements OpImporter {
    @Override public List<String> ops() { return List.of("BatchNormalization"); }

    @Override public void apply(ImportContext ctx) {
        if (ctx.node().getOutputCount() > 1 && !ctx.node().getOutput(1).isEmpty()) throw ctx.fail("training-mode outputs are not supported");
        int channels = ctx.shape().dim(0);
        String[] params = {"gamma", "beta", "moving_mean", "moving_variance"};
        HostTensor[] values = new HostTensor[4];
        for (int i = 0; i < 4; i++) {
            values[i] = ctx.floats(i + 1);
            if (values[i].shape().size() != channels) throw ctx.fail(params[i] + " has shape " + values[i].shape() + " but the input has " + channels + " channels");
            values[i] = new HostTensor(io.github.convnet4j.tensor.Shape.of(channels), values[i].data());
        }
        String name = ctx.layer("BatchNormalization", Map.of("epsilon", ctx.floatAttribute("epsilon", 1e-5),
                "momentum", ctx.floatAttribute("momentum", 0.9)));
        for (int i = 0; i < 4; i++) ctx.weight(name, params[i], values[i]);
    }
}
