package io.github.convnet4j.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Area under the ROC curve, computed exactly as the Mann–Whitney statistic: the probability that a
 * random positive scores above a random negative, ties counting one half. Ties are handled by giving
 * tied scores their average rank.
 */
public final class RocAuc {
    private RocAuc() {}

    /**
     * Binary AUC.
     *
     * @param scores   one score per sample, larger = more likely positive; NaN is not allowed
     * @param positive whether each sample is positive
     * @return the AUC in [0, 1], or NaN when there are no positives or no negatives (undefined)
     */
    public static double binary(double[] scores, boolean[] positive) {
        int n = scores.length;
        if (positive.length != n) throw new IllegalArgumentException(n + " scores but " + positive.length + " labels");
        long nPos = 0;
        for (boolean p : positive) if (p) nPos++;
        long nNeg = n - nPos;
        if (nPos == 0 || nNeg == 0) return Double.NaN;

        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(scores[i])) throw new IllegalArgumentException("score " + i + " is NaN");
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        // Sum of the (1-based, tie-averaged) ranks of the positives.
        double positiveRankSum = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) j++;
            double averageRank = (i + 1 + j + 1) / 2.0;
            for (int m = i; m <= j; m++) if (positive[order[m]]) positiveRankSum += averageRank;
            i = j + 1;
        }
        double u = positiveRankSum - nPos * (nPos + 1) / 2.0;
        return u / ((double) nPos * nNeg);
    }

    /**
     * One-vs-rest AUC for each class and their unweighted mean.
     *
     * @param perClass AUC of class c's score against "label == c"; NaN for skipped classes
     * @param macro    mean over the classes not skipped; NaN when all are skipped
     * @param skipped  classes with no positive or no negative sample, left out of the mean
     */
    public record Result(double[] perClass, double macro, List<Integer> skipped) {}

    /** One-vs-rest AUC over {@code (n, k)} scores (probabilities) and labels. */
    public static Result oneVsRest(float[] scores, int n, int k, int[] labels) {
        Metrics.checkScores(scores, n, k, labels);
        double[] per = new double[k];
        List<Integer> skipped = new ArrayList<>();
        double sum = 0;
        int counted = 0;
        double[] s = new double[n];
        boolean[] pos = new boolean[n];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < n; i++) {
                s[i] = scores[i * k + c];
                pos[i] = labels[i] == c;
            }
            per[c] = binary(s, pos);
            if (Double.isNaN(per[c])) {
                skipped.add(c);
            } else {
                sum += per[c];
                counted++;
            }
        }
        return new Result(per, counted == 0 ? Double.NaN : sum / counted, List.copyOf(skipped));
    }
}
