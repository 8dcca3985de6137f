package io.github.convnet4j.train;

import io.github.convnet4j.backend.ops.Activation;
import io.github.convnet4j.backend.ops.LossKind;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.tensor.Tensor;

/**
 * How a model's output meets the labels: which loss, whether the model runs with {@code logits=true}
 * (its final softmax/sigmoid skipped so the fused, numerically stable loss sees logits), and the
 * target layout: one-hot {@code (N, K)}, or {@code (N, 1)} holding the label for a single sigmoid
 * output on a two-class problem.
 *
 * @param kind          the loss
 * @param logits        whether forward passes ask for logits
 * @param width         F, the model's output width
 * @param binaryTargets whether targets are the {@code (N, 1)} labels of a two-class problem
 */
record LossSetup(LossKind kind, boolean logits, int width, boolean binaryTargets) {
    /**
     * Chooses the loss and checks that the model's output fits the labels.
     *
     * @param requested  the configured loss, or null for the spec's {@code loss} or, when it has none,
     *                   the one the final activation implies
     * @param numClasses the dataset's class count
     * @throws IllegalArgumentException one line naming the shapes or the activation that does not fit
     */
    static LossSetup resolve(LossKind requested, Model model, int numClasses) {
        long size = model.outputShape().size();
        if (model.outputShape().rank() != 1) {
            throw new IllegalArgumentException("the model's output " + model.outputShape() + " is not a vector (add Flatten and Dense)");
        }
        int width = Math.toIntExact(size);
        boolean binary = width == 1 && numClasses == 2;
        if (width != numClasses && !binary) {
            throw new IllegalArgumentException("the model outputs " + width + " values per sample but the data has " + numClasses
                    + " classes (the last Dense layer needs " + numClasses + " units" + (numClasses == 2 ? ", or 1 with sigmoid" : "") + ")");
        }
        Activation.Kind fin = model.finalActivation() == null ? Activation.Kind.LINEAR : model.finalActivation().kind();
        if (requested == null) requested = model.spec().loss();
        LossKind kind = requested != null ? requested
                : fin == Activation.Kind.SOFTMAX && width >= 2 ? LossKind.SOFTMAX_CROSS_ENTROPY
                : fin == Activation.Kind.SIGMOID ? LossKind.SIGMOID_BINARY_CROSS_ENTROPY
                : LossKind.MEAN_SQUARED_ERROR;
        boolean logits = switch (kind) {
            case SOFTMAX_CROSS_ENTROPY -> {
                if (fin != Activation.Kind.SOFTMAX && fin != Activation.Kind.LINEAR) {
                    throw new IllegalArgumentException("categorical cross-entropy needs a softmax (or linear) final activation, the model ends in " + fin.name().toLowerCase());
                }
                yield true;
            }
            case SIGMOID_BINARY_CROSS_ENTROPY -> {
                if (fin != Activation.Kind.SIGMOID && fin != Activation.Kind.LINEAR) {
                    throw new IllegalArgumentException("binary cross-entropy needs a sigmoid (or linear) final activation, the model ends in " + fin.name().toLowerCase());
                }
                yield true;
            }
            case MEAN_SQUARED_ERROR, MEAN_ABSOLUTE_ERROR -> false;
        };
        return new LossSetup(kind, logits, width, binary);
    }

    /**
     * The targets for a batch: the one-hot rows themselves, or for binary targets the second
     * column copied into {@code scratch}.
     */
    float[] targets(float[] oneHot, int n, float[] scratch) {
        if (!binaryTargets) return oneHot;
        for (int i = 0; i < n; i++) scratch[i] = oneHot[2 * i + 1];
        return scratch;
    }

    /**
     * Correct predictions in a batch. On the device ({@code countArgmaxMatches}) except for a single
     * output that is not a logit, whose decision threshold is 0.5 rather than 0: that one downloads
     * the {@code n} outputs and their targets' host copy.
     */
    long countCorrect(Tensor output, Tensor target, float[] hostTargets, int n, float[] scratch) {
        if (width != 1 || logits) return output.backend().reduction().countArgmaxMatches(output, target);
        output.backend().download(output, scratch, 0);
        long correct = 0;
        for (int i = 0; i < n; i++) if ((scratch[i] >= 0.5f) == (hostTargets[i] >= 0.5f)) correct++;
        return correct;
    }
}
