package io.github.convnet4j.train;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.ops.LossKind;
import io.github.convnet4j.data.BatchIterator;
import io.github.convnet4j.data.Batches;
import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.nn.ForwardContext;
import io.github.convnet4j.optim.Regularization;
import io.github.convnet4j.tensor.Tensor;
import java.util.Arrays;

/**
 * Batched inference with the loss: validation during training and {@code convnet evaluate}.
 * Samples are visited in stored order; per batch only the loss scalar, the correct count and (when
 * asked) the {@code (n, F)} probabilities come back to the host. Device tensors are allocated once
 * per batch size and kept until {@link #close()}.
 */
public final class Evaluator implements AutoCloseable {
    private final Model model;
    private final LossSetup setup;
    private final int batchSize;
    private final DeviceBatches tensors;
    private final float[] oneHot;
    private final float[] binary;
    private final float[] scratch;

    /**
     * @param model      a built model
     * @param loss       the loss to report, or null to infer it as {@link Trainer} does
     * @param numClasses the class count of the data to evaluate
     * @param batchSize  samples per forward pass
     */
    public Evaluator(Model model, LossKind loss, int numClasses, int batchSize) {
        this(model, LossSetup.resolve(loss, model, numClasses), batchSize);
    }

    Evaluator(Model model, LossSetup setup, int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        this.model = model;
        this.setup = setup;
        this.batchSize = batchSize;
        this.tensors = new DeviceBatches(model.backend(), model.dtype(), model.inputShape(), setup.width());
        int classes = setup.binaryTargets() ? 2 : setup.width();
        this.oneHot = new float[batchSize * classes];
        this.binary = new float[batchSize];
        this.scratch = new float[batchSize];
    }

    /** The loss being reported. */
    public LossKind loss() { return setup.kind(); }

    /**
     * Evaluates {@code data}.
     *
     * @param keepProbabilities whether to return the {@code (N, F)} probabilities (for reports and predictions)
     * @throws IllegalArgumentException when the data's sample shape or class count does not fit the model
     */
    public Evaluation evaluate(Dataset data, boolean keepProbabilities) {
        checkData(model, data);
        int classes = setup.binaryTargets() ? 2 : setup.width();
        if (data.numClasses() != classes) {
            throw new IllegalArgumentException("the data has " + data.numClasses() + " classes but the model was set up for " + classes);
        }
        Backend backend = model.backend();
        int n = data.size(), width = setup.width();
        float[] probabilities = keepProbabilities ? new float[Math.multiplyExact(n, width)] : null;
        double lossSum = 0;
        long correct = 0;
        int done = 0;
        // One host batch at a time: a byte dataset is converted to floats, a streamed one decoded ahead, batch by batch.
        Batches batches = Batches.sequential(data, Math.min(batchSize, Math.max(n, 1)));
        float[] hostBatch = new float[batches.imageBufferSize()];
        int[] labels = new int[n];
        int[] batchLabels = new int[batches.batchSize()];
        try (BatchIterator it = batches.iterator(0)) {
            while (it.hasNext()) {
                int m = it.next(hostBatch, oneHot, batchLabels);
                System.arraycopy(batchLabels, 0, labels, done, m);
                DeviceBatches.Set t = tensors.get(m);
                backend.upload(hostBatch, 0, t.input());
                float[] targets = setup.targets(oneHot, m, binary);
                backend.upload(targets, 0, t.target());
                Tensor out = model.forward(t.input(), ForwardContext.INFERENCE, setup.logits());
                lossSum += backend.loss().forwardBackward(setup.kind(), out, t.target(), null) * m;
                correct += setup.countCorrect(out, t.target(), targets, m, scratch);
                if (keepProbabilities) {
                    if (setup.logits() && model.finalActivation() != null) {
                        backend.activation().forward(model.finalActivation(), out, t.scratch());
                        backend.download(t.scratch(), probabilities, done * width);
                    } else {
                        backend.download(out, probabilities, done * width);
                    }
                }
                done += m;
            }
        }
        // Fewer than n only when a streamed dataset skipped unreadable files (--skip-bad).
        if (done < n) {
            labels = Arrays.copyOf(labels, done);
            if (probabilities != null) probabilities = Arrays.copyOf(probabilities, done * width);
        }
        double penalty = Regularization.penalty(model.parameters());
        return new Evaluation(lossSum / done + penalty, (double) correct / done, done, width, probabilities, labels);
    }

    static void checkData(Model model, Dataset data) {
        if (!data.sampleShape().equals(model.inputShape())) {
            throw new IllegalArgumentException("the data's samples are " + data.sampleShape() + " but the model takes " + model.inputShape());
        }
        if (data.size() == 0) throw new IllegalArgumentException("the data set is empty");
    }

    @Override public void close() { tensors.close(); }
}
