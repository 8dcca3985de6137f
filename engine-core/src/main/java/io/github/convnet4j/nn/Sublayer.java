package io.github.convnet4j.nn;

import java.util.List;
import java.util.Map;

/**
 * One node a composite layer expands into (see {@link CompositeLayer}).
 *
 * @param type   the layer type, e.g. {@code Conv2D}
 * @param name   the node's full name, e.g. {@code res1/conv1}
 * @param config the layer's config (without {@code name})
 * @param inputs full names of its inputs: other nodes of the expansion or the composite's input
 */
public record Sublayer(String type, String name, Map<String, Object> config, List<String> inputs) {
    public Sublayer {
        config = Map.copyOf(config);
        inputs = List.copyOf(inputs);
    }
}
