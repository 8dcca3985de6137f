package io.github.convnet4j.optim;

import io.github.convnet4j.tensor.HostTensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An optimizer's state on the host, for checkpoints.
 *
 * @param optimizer  the optimizer's {@link Optimizer#name()}, so state is never loaded into another kind
 * @param iterations steps taken so far
 * @param tensors    state tensors named {@code <parameter name>/<slot>}, e.g. {@code conv2d_1/kernel/m};
 *                   each has its parameter's shape
 */
public record OptimizerState(String optimizer, long iterations, Map<String, HostTensor> tensors) {
    public OptimizerState {
        if (iterations < 0) throw new IllegalArgumentException("optimizer iterations must be >= 0, got " + iterations);
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }
}
