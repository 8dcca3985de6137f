package io.github.convnet4j.metrics;

/**
 * A K × K confusion matrix, rows = true class, columns = predicted class, with the per-class and
 * averaged scores derived from it. Undefined ratios (precision of a class never predicted, recall of
 * a class never present, F1 when both are 0) count as 0, as scikit-learn's {@code zero_division=0} does.
 */
public final class ConfusionMatrix {
    private final int k;
    private final long[] counts;

    /** An empty matrix for {@code k} classes. */
    public ConfusionMatrix(int k) {
        if (k <= 0) throw new IllegalArgumentException("number of classes must be positive, got " + k);
        this.k = k;
        this.counts = new long[Math.multiplyExact(k, k)];
    }

    /** Counts every (labels[i], argmax of row i of {@code scores}) pair; see {@link #argmax}. */
    public static ConfusionMatrix of(float[] scores, int n, int k, int[] labels) {
        Metrics.checkScores(scores, n, k, labels);
        ConfusionMatrix m = new ConfusionMatrix(k);
        for (int i = 0; i < n; i++) m.add(labels[i], argmax(scores, i * k, k));
        return m;
    }

    /**
     * Index of the largest of {@code scores[off .. off+k)}: the first one on ties; NaN never wins
     * (all NaN gives 0).
     */
    public static int argmax(float[] scores, int off, int k) {
        int best = 0;
        float bestValue = Float.NEGATIVE_INFINITY;
        boolean found = false;
        for (int j = 0; j < k; j++) {
            float v = scores[off + j];
            if (!Float.isNaN(v) && (!found || v > bestValue)) {
                best = j;
                bestValue = v;
                found = true;
            }
        }
        return best;
    }

    /** Records one sample. */
    public void add(int trueClass, int predictedClass) {
        if (trueClass < 0 || trueClass >= k || predictedClass < 0 || predictedClass >= k) {
            throw new IllegalArgumentException("class pair (" + trueClass + ", " + predictedClass + ") outside [0, " + k + ")");
        }
        counts[trueClass * k + predictedClass]++;
    }

    /** Adds all counts of {@code other} (same K), e.g. to combine batches. */
    public void addAll(ConfusionMatrix other) {
        if (other.k != k) throw new IllegalArgumentException("cannot add a " + other.k + "-class matrix to a " + k + "-class one");
        for (int i = 0; i < counts.length; i++) counts[i] += other.counts[i];
    }

    public int numClasses() { return k; }

    /** Samples of true class {@code t} predicted as {@code p}. */
    public long count(int t, int p) { return counts[t * k + p]; }

    /** All samples. */
    public long total() {
        long s = 0;
        for (long c : counts) s += c;
        return s;
    }

    /** Samples whose true class is {@code c} (row sum). */
    public long support(int c) {
        long s = 0;
        for (int p = 0; p < k; p++) s += count(c, p);
        return s;
    }

    /** Samples predicted as {@code c} (column sum). */
    public long predicted(int c) {
        long s = 0;
        for (int t = 0; t < k; t++) s += count(t, c);
        return s;
    }

    /** Correct predictions / all; 0 for an empty matrix. */
    public double accuracy() {
        long correct = 0;
        for (int c = 0; c < k; c++) correct += count(c, c);
        long n = total();
        return n == 0 ? 0 : (double) correct / n;
    }

    /** TP / (TP + FP); 0 when class {@code c} is never predicted. */
    public double precision(int c) { return ratio(count(c, c), predicted(c)); }

    /** TP / (TP + FN); 0 when class {@code c} never occurs. */
    public double recall(int c) { return ratio(count(c, c), support(c)); }

    /** Harmonic mean of precision and recall; 0 when both are 0. */
    public double f1(int c) {
        double p = precision(c), r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Whether class {@code c} occurs as a true or a predicted class (the classes macro averages run over). */
    public boolean seen(int c) { return support(c) > 0 || predicted(c) > 0; }

    /**
     * Unweighted mean of F1 over the classes that occur as true or predicted class (scikit-learn's
     * default label set), so a class absent from both does not drag the mean down. 0 when empty.
     */
    public double macroF1() { return macro(this::f1); }

    /** Unweighted mean precision over the seen classes. */
    public double macroPrecision() { return macro(this::precision); }

    /** Unweighted mean recall over the seen classes. */
    public double macroRecall() { return macro(this::recall); }

    /** Mean of F1 weighted by support; 0 when empty. */
    public double weightedF1() { return weighted(this::f1); }

    /** Mean of precision weighted by support. */
    public double weightedPrecision() { return weighted(this::precision); }

    /** Mean of recall weighted by support (equals accuracy). */
    public double weightedRecall() { return weighted(this::recall); }

    /** A copy as {@code long[true][predicted]}. */
    public long[][] toArray() {
        long[][] a = new long[k][k];
        for (int t = 0; t < k; t++) System.arraycopy(counts, t * k, a[t], 0, k);
        return a;
    }

    private double macro(java.util.function.IntToDoubleFunction score) {
        double sum = 0;
        int classes = 0;
        for (int c = 0; c < k; c++) {
            if (seen(c)) { sum += score.applyAsDouble(c); classes++; }
        }
        return classes == 0 ? 0 : sum / classes;
    }

    private double weighted(java.util.function.IntToDoubleFunction score) {
        double sum = 0;
        long n = 0;
        for (int c = 0; c < k; c++) {
            long s = support(c);
            if (s > 0) { sum += s * score.applyAsDouble(c); n += s; }
        }
        return n == 0 ? 0 : sum / n;
    }

    private static double ratio(long a, long b) { return b == 0 ? 0 : (double) a / b; }
}
