package io.github.convnet4j.train;

/**
 * Probabilities per class from a model's output probabilities. A single output (a sigmoid) is
 * P(class 1), so it becomes two columns, P(class 0) = 1 - p and P(class 1) = p; wider outputs are
 * one column per class already.
 */
public final class ClassProbabilities {
    private ClassProbabilities() {}

    /** How many classes an output of {@code width} values per sample describes: 2 for width 1, else width. */
    public static int classes(int width) { return width == 1 ? 2 : width; }

    /**
     * The {@code (samples, classes(width))} probabilities, row-major.
     *
     * @param probabilities {@code (samples, width)} output probabilities, row-major (returned as is unless width is 1)
     */
    public static float[] of(float[] probabilities, int samples, int width) {
        if (width != 1) return probabilities;
        float[] two = new float[samples * 2];
        for (int i = 0; i < samples; i++) {
            two[2 * i] = 1 - probabilities[i];
            two[2 * i + 1] = probabilities[i];
        }
        return two;
    }
}
