package io.github.convnet4j.train;

/**
 * The result of {@link Evaluator#evaluate}.
 *
 * @param loss          mean loss over the samples, plus the model's L1/L2 penalty (as Keras reports it)
 * @param accuracy      fraction of samples whose prediction matches the label
 * @param samples       N
 * @param width         F, outputs per sample
 * @param probabilities {@code (N, F)} outputs with the final softmax/sigmoid applied, or null when not kept
 * @param labels        the {@code N} labels of the samples evaluated, in order (the data's labels, less
 *                      any unreadable file a streamed dataset skipped)
 */
public record Evaluation(double loss, double accuracy, int samples, int width, float[] probabilities, int[] labels) {
}
