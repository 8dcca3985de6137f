package io.github.convnet4j.train;

import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.nn.ForwardContext;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

/**
 * Batched inference: images in, {@code (N, F)} probabilities out (the model's final softmax or
 * sigmoid applied). For {@code convnet predict}. Device tensors are allocated once per batch size.
 */
public final class Predictor implements AutoCloseable {
    private final Model model;
    private final int batchSize;
    private final int width;
    private final DeviceBatches tensors;

    /**
     * @param model     a built model
     * @param batchSize samples per forward pass
     */
    public Predictor(Model model, int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        Shape out = model.outputShape();
        this.model = model;
        this.batchSize = batchSize;
        this.width = Math.toIntExact(out.size());
        this.tensors = new DeviceBatches(model.backend(), model.dtype(), model.inputShape(), width);
    }

    /** F: probabilities per sample. */
    public int width() { return width; }

    /**
     * Predicts {@code n} samples.
     *
     * @param images {@code (n, C, H, W)} values, C, H, W the model's input shape
     * @return {@code (n, F)} probabilities, row-major
     */
    public float[] predict(float[] images, int n) {
        long sample = model.inputShape().size();
        if (n < 0 || images.length < n * sample) {
            throw new IllegalArgumentException(n + " samples of " + model.inputShape() + " need " + n * sample + " values, got " + images.length);
        }
        float[] probabilities = new float[Math.multiplyExact(n, width)];
        for (int start = 0; start < n; start += batchSize) {
            int m = Math.min(batchSize, n - start);
            DeviceBatches.Set t = tensors.get(m);
            model.backend().upload(images, Math.toIntExact(start * sample), t.input());
            Tensor output = model.forward(t.input(), ForwardContext.INFERENCE, false);
            model.backend().download(output, probabilities, start * width);
        }
        return probabilities;
    }

    /** Predicts every sample of {@code data}, in stored order. */
    public float[] predict(Dataset data) {
        Evaluator.checkData(model, data);
        if (!data.storesBytes() && !data.isStreamed()) return predict(data.images(), data.size());
        int n = data.size(), sample = data.sampleSize();
        float[] probabilities = new float[Math.multiplyExact(n, width)];
        float[] hostBatch = new float[Math.multiplyExact(Math.min(batchSize, Math.max(n, 1)), sample)];
        for (int start = 0; start < n; start += batchSize) {
            int m = Math.min(batchSize, n - start);
            data.copySamples(start, m, hostBatch, 0);
            System.arraycopy(predict(hostBatch, m), 0, probabilities, start * width, m * width);
        }
        return probabilities;
    }

    @Override public void close() { tensors.close(); }
}
