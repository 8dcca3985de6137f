package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.tensor.HostTensor;
import java.util.Map;

/**
 * What an emitter works with: the graph being built and the model's weights by parameter name
 * ({@code <layer>/<param>}).
 */
public final class EmitContext {
    private final OnnxGraph graph;
    private final Map<String, HostTensor> weights;

    EmitContext(OnnxGraph graph, Map<String, HostTensor> weights) {
        this.graph = graph;
        this.weights = weights;
    }

    /** The graph under construction. */
    public OnnxGraph graph() { return graph; }

    /** Whether the model has a parameter of this name. */
    public boolean has(String parameter) { return weights.containsKey(parameter); }

    /**
     * The parameter's values.
     *
     * @throws IllegalArgumentException naming the parameter when the weights lack it
     */
    public HostTensor weight(String parameter) {
        HostTensor t = weights.get(parameter);
        if (t == null) throw new IllegalArgumentException("the weights have no tensor " + parameter);
        return t;
    }

    /** Adds the parameter as an initializer named after it; returns the value name. */
    public String initializer(String parameter) { return graph.initializer(parameter, weight(parameter)); }
}
