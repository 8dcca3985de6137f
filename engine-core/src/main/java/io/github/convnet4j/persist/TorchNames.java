package io.github.convnet4j.persist;

import io.github.convnet4j.backend.ops.Activation;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.nn.AbstractLayer;
import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.nn.ParameterSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Our parameter names in PyTorch's terms. A parameter {@code <layer>/<param>} is, inside the layer's
 * PyTorch module: {@code kernel} → {@code weight}, {@code bias} → {@code bias}, batch norm's
 * {@code gamma} / {@code beta} / {@code moving_mean} / {@code moving_variance} → {@code weight} /
 * {@code bias} / {@code running_mean} / {@code running_var}; a ResidualBlock's sub-layers keep their
 * names ({@code conv1}, {@code bn1}, {@code conv2}, {@code bn2}) except the projection shortcut,
 * which is torchvision's {@code downsample.0} (conv) and {@code downsample.1} (batch norm).
 *
 * <p>As a whole model, the layers are an {@code nn.Sequential}: each layer is the next index, a
 * Conv2D or Dense with a fused activation is followed by that activation's module (one more index),
 * and GlobalAveragePooling2D is two modules ({@code AdaptiveAvgPool2d(1)}, {@code Flatten()}).
 * So keras-mnist's {@code conv2d_1/kernel} is {@code 0.weight} and {@code dense_2/kernel} is {@code 11.weight}.
 */
public final class TorchNames {
    private static final Map<String, String> ROLES = Map.of("kernel", "weight", "bias", "bias", "gamma", "weight", "beta", "bias",
            "moving_mean", "running_mean", "moving_variance", "running_var");
    private static final Map<String, String> SUBMODULES = Map.of("shortcut_conv", "downsample.0", "shortcut_bn", "downsample.1");

    private TorchNames() {}

    /** A parameter's name inside its layer's PyTorch module, e.g. {@code conv1/kernel} → {@code conv1.weight}. */
    public static String withinLayer(String localName) {
        String[] parts = localName.split("/");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) b.append('.');
            boolean last = i == parts.length - 1;
            String p = parts[i];
            b.append(last ? ROLES.getOrDefault(p, p) : SUBMODULES.getOrDefault(p, p));
        }
        return b.toString();
    }

    /** Each layer's PyTorch module index in the {@code nn.Sequential} described above, by layer name. */
    public static Map<String, Integer> sequentialIndices(Model model) {
        Map<String, Integer> out = new LinkedHashMap<>();
        int index = 0;
        for (Layer l : model.layers()) {
            out.put(l.name(), index++);
            boolean fused = l.type().equals("Conv2D") || l.type().equals("Dense");
            if (fused && ((AbstractLayer) l).outputActivation().kind() != Activation.Kind.LINEAR) index++;
            if (l.type().equals("GlobalAveragePooling2D")) index++;
        }
        return out;
    }

    /** Every parameter of the model (built or not), ours → PyTorch's {@code nn.Sequential} name, in model order. */
    public static Map<String, String> sequentialNames(Model model) {
        Map<String, Integer> index = sequentialIndices(model);
        Map<String, String> out = new LinkedHashMap<>();
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            AbstractLayer l = (AbstractLayer) layers.get(i);
            for (ParameterSpec p : l.parameterSpecs(model.layerInputShape(i))) {
                out.put(l.name() + "/" + p.localName(), index.get(l.name()) + "." + withinLayer(p.localName()));
            }
        }
        return out;
    }
}
