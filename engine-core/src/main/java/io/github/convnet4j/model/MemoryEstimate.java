package io.github.convnet4j.model;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.nn.AbstractLayer;
import io.github.convnet4j.nn.ParameterSpec;
import io.github.convnet4j.util.HeapBudget;

/**
 * What building and training a model will take from the Java heap, estimated from its shapes
 * before anything is allocated, so that {@code Dense(1300000)} or {@code --batch-size 1000000000}
 * is refused in a moment with one line instead of an {@link OutOfMemoryError} after a minute.
 * The estimates are deliberately rough (within a factor of about two) and err high; they only
 * have to catch what cannot possibly fit.
 *
 * <p>On the CPU backend every tensor is a Java array. On a GPU only the host-side temporaries
 * count: the initial values drawn in float64 for the largest parameter, and the host batch buffers.
 */
public final class MemoryEstimate {
    /** Activation copies kept per layer output while training: output, gradient, and backend scratch. */
    private static final int ACTIVATION_COPIES = 4;

    private MemoryEstimate() {}

    /** Whether {@code backend} keeps tensors on the Java heap. */
    public static boolean onHeap(Backend backend) { return backend.name().equals("cpu"); }

    /** Heap bytes for {@code model.build(backend, F32, seed)}: values, gradients and the float64 initial values. */
    public static long buildBytes(Model model, Backend backend) {
        long largest = 0;
        for (int i = 0; i < model.layers().size(); i++) {
            if (!(model.layers().get(i) instanceof AbstractLayer l)) continue;
            for (ParameterSpec p : l.parameterSpecs(model.layerInputShape(i))) largest = Math.max(largest, p.shape().size());
        }
        long bytes = 8 * largest;
        if (onHeap(backend)) bytes += 4 * (model.parameterCount() + model.trainableParameterCount());
        return bytes;
    }

    /**
     * Heap bytes for training with {@code batchSize} (of which at most {@code samples} are ever in
     * one batch): the host batch buffers, and on the CPU the activations and optimizer state.
     *
     * @throws ArithmeticException when the bytes overflow a long ({@link #require} refuses those)
     */
    public static long trainingBytes(Model model, Backend backend, long batchSize, long samples) {
        // Exact arithmetic: a size beyond a long must be refused, not wrap around to a small one.
        long perSample = model.inputShape().size() + 2 * model.outputShape().size() + 2;
        long bytes = Math.multiplyExact(4 * perSample, batchSize);
        if (onHeap(backend)) {
            long activations = 0;
            for (int i = 0; i < model.layers().size(); i++) activations += model.layerOutputShape(i).size();
            long perBatch = Math.multiplyExact(4L * ACTIVATION_COPIES * activations, Math.min(batchSize, Math.max(1, samples)));
            long moments = 4 * 2 * model.trainableParameterCount(); // optimizer moments (Adam's two)
            bytes = Math.addExact(bytes, Math.addExact(perBatch, moments));
        }
        return bytes;
    }

    /**
     * Refuses a build (and, when {@code batchSize > 0}, training) that cannot fit the heap.
     *
     * @param what names the model for the message, e.g. {@code "model keras-mnist"}
     * @throws io.github.convnet4j.util.HeapLimitException one line with the sizes and what to try
     */
    public static void require(Model model, Backend backend, long batchSize, long samples, String what) {
        long build;
        long train;
        try {
            build = buildBytes(model, backend);
            train = batchSize > 0 ? trainingBytes(model, backend, batchSize, samples) : 0;
            Math.addExact(build, train);
        } catch (ArithmeticException e) {
            build = Long.MAX_VALUE;
            train = 0;
        }
        String params = String.format("%,d parameters", model.parameterCount());
        if (batchSize <= 0) {
            HeapBudget.require(build, "building " + what + " (" + params + ")", "use a smaller model");
        } else {
            HeapBudget.require(build == Long.MAX_VALUE ? build : build + train, "training " + what + " (" + params + ") with batches of " + batchSize,
                    "lower --batch-size or use a smaller model");
        }
    }
}
