package io.github.convnet4j.train;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;

/**
 * Device tensors for batches, allocated once per batch size (an epoch has at most two: the full
 * size and the last, partial one) and reused, so steps allocate nothing after warm-up.
 */
final class DeviceBatches implements AutoCloseable {
    /** The tensors of one batch size: input {@code (n, C, H, W)}, target and output-sized scratch {@code (n, F)}. */
    record Set(Tensor input, Tensor target, Tensor scratch) {}

    private final Backend backend;
    private final DType dtype;
    private final Shape sampleShape;
    private final int width;
    private final Map<Integer, Set> bySize = new HashMap<>();

    DeviceBatches(Backend backend, DType dtype, Shape sampleShape, int width) {
        this.backend = backend;
        this.dtype = dtype;
        this.sampleShape = sampleShape;
        this.width = width;
    }

    Set get(int n) {
        return bySize.computeIfAbsent(n, k -> {
            int[] dims = new int[sampleShape.rank() + 1];
            dims[0] = k;
            for (int i = 0; i < sampleShape.rank(); i++) dims[i + 1] = sampleShape.dim(i);
            return new Set(backend.allocate(Shape.of(dims), dtype), backend.allocate(Shape.of(k, width), dtype),
                    backend.allocate(Shape.of(k, width), dtype));
        });
    }

    @Override public void close() {
        for (Set s : bySize.values()) {
            s.input.close();
            s.target.close();
            s.scratch.close();
        }
        bySize.clear();
    }
}
