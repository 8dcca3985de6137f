package io.github.convnet4j.tensor;

/**
 * A float32 tensor in host memory: what model files, checkpoints and golden fixtures hold.
 *
 * @param shape its shape
 * @param data  {@code shape.size()} values, row-major
 */
public record HostTensor(Shape shape, float[] data) {
    public HostTensor {
        if (data.length != shape.size()) {
            throw new IllegalArgumentException("shape " + shape + " needs " + shape.size() + " values, got " + data.length);
        }
    }
}
