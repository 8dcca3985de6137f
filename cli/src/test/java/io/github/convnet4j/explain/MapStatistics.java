package io.github.convnet4j.explain;

import java.util.Arrays;
import java.util.function.Function;

/** The numbers the sanity checks from the literature compare maps by. */
final class MapStatistics {
    private MapStatistics() {}

    /** Spearman's rank correlation, ties given their mean rank (Pearson correlation of the ranks). */
    static double spearman(float[] a, float[] b) {
        double[] ra = ranks(a), rb = ranks(b);
        double ma = Arrays.stream(ra).average().orElse(0), mb = Arrays.stream(rb).average().orElse(0);
        double cov = 0, va = 0, vb = 0;
        for (int i = 0; i < ra.length; i++) {
            cov += (ra[i] - ma) * (rb[i] - mb);
            va += (ra[i] - ma) * (ra[i] - ma);
            vb += (rb[i] - mb) * (rb[i] - mb);
        }
        return va == 0 || vb == 0 ? 0 : cov / Math.sqrt(va * vb);
    }

    static double[] ranks(float[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) order[i] = i;
        Arrays.sort(order, (x, y) -> Float.compare(v[x], v[y]));
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; ) {
            int j = i;
            while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) j++;
            double mean = (i + j) / 2.0;
            for (int k = i; k <= j; k++) r[order[k]] = mean;
            i = j + 1;
        }
        return r;
    }

    /** The map's values where the image is not background (value above 0). */
    static float[] onObject(float[] map, float[] image) {
        int n = 0;
        for (float v : image) if (v > 0) n++;
        float[] out = new float[n];
        for (int i = 0, j = 0; i < map.length; i++) if (image[i] > 0) out[j++] = map[i];
        return out;
    }

    /** Share of the map's mass on pixels where the image is not background (value above {@code threshold}). */
    static double massOnObject(float[] map, float[] image, float threshold) {
        double on = 0, all = 0;
        for (int i = 0; i < map.length; i++) {
            all += map[i];
            if (image[i] > threshold) on += map[i];
        }
        return all == 0 ? Double.NaN : on / all;
    }

    /**
     * Deletion curve area (Petsiuk et al., 2018): pixels are set to 0 in the given order, 1/steps of
     * them at a time, and the class score is averaged over the steps (lower = faster drop).
     *
     * @param score the class score of a batch of {@code (C=1, H, W)} images, one per row
     */
    static double deletionArea(float[] image, int[] order, int steps, Function<float[], float[]> score) {
        int n = image.length;
        float[] batch = new float[(steps + 1) * n];
        float[] current = image.clone();
        for (int s = 0; s <= steps; s++) {
            if (s > 0) for (int i = (s - 1) * n / steps; i < s * n / steps; i++) current[order[i]] = 0;
            System.arraycopy(current, 0, batch, s * n, n);
        }
        float[] scores = score.apply(batch);
        double area = 0;
        for (int s = 0; s <= steps; s++) area += (s == 0 || s == steps ? 0.5 : 1) * scores[s];
        return area / steps;
    }

    /** Pixel indices by decreasing map value; ties in a seeded random order so flat regions carry no position bias. */
    static int[] byDecreasingValue(float[] map, long seed) {
        int[] shuffled = randomOrder(map.length, seed);
        Integer[] order = new Integer[map.length];
        for (int i = 0; i < map.length; i++) order[i] = shuffled[i];
        Arrays.sort(order, (x, y) -> Float.compare(map[y], map[x]));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    static int[] randomOrder(int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i]; p[i] = p[j]; p[j] = t;
        }
        return p;
    }
}
