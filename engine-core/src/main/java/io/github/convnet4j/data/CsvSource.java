package io.github.convnet4j.data;

import io.github.convnet4j.tensor.Shape;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads labelled rows from CSV ({@link CsvTable}) into {@link Dataset}s shaped as the model's input:
 * each row's features, in column order, fill one sample {@code (C, H, W)} row-major (flattened
 * pixels as in Kaggle's {@code label,pixel1,...,pixel784}; a signal of C channels and length L is
 * {@code (C, 1, L)}).
 * <ul>
 *   <li>Labels: when every label of the training and test files is a whole number 0..999999 it is the
 *       class index (classes = largest + 1); otherwise the distinct label texts, sorted, are the
 *       class names.</li>
 *   <li>Values: when every feature is a whole number in 0..255 and some exceed 1, the files hold
 *       8-bit pixels, kept as bytes and scaled to [0, 1] (divided by 255, as IDX files are); otherwise
 *       the numbers are used as they are, as floats.</li>
 * </ul>
 */
public final class CsvSource {
    private static final int MAX_INTEGER_LABEL = 999_999;

    /**
     * What was read.
     *
     * @param train        the training rows
     * @param test         the test rows, or null when only one file was read
     * @param pixelsScaled whether the values were 8-bit pixels divided by 255
     */
    public record Loaded(Dataset train, Dataset test, boolean pixelsScaled) {}

    private CsvSource() {}

    /**
     * Reads {@code train} and, when not null, {@code test}, with one label mapping and scaling for both.
     *
     * @param sampleShape the model's input {@code (C, H, W)}: each row must have exactly its size of features
     * @param labelColumn a column name (the file needs a header) or an index, 0 = first, -1 = last
     */
    public static Loaded load(Path train, Path test, Shape sampleShape, String labelColumn) throws IOException {
        if (sampleShape.rank() != 3) {
            throw new IllegalArgumentException("CSV rows fill a (C, H, W) model input; this model takes " + sampleShape);
        }
        int f = Math.toIntExact(sampleShape.size());
        List<CsvTable> tables = new ArrayList<>();
        tables.add(CsvTable.read(train, labelColumn, f));
        if (test != null) tables.add(CsvTable.read(test, labelColumn, f));

        List<String> names = classNames(tables);
        int numClasses = names != null ? names.size() : largestLabel(tables) + 1;
        boolean pixels = areEightBitPixels(tables);
        List<Dataset> sets = new ArrayList<>();
        for (CsvTable t : tables) {
            int[] labels = new int[t.rows()];
            for (int i = 0; i < labels.length; i++) {
                String text = t.labels().get(i);
                labels[i] = names != null ? names.indexOf(text) : Integer.parseInt(text);
            }
            sets.add(pixels ? Dataset.ofUnsignedBytes(asBytes(t.features()), labels, sampleShape, numClasses, names)
                    : new Dataset(t.features(), labels, sampleShape, numClasses, names));
        }
        return new Loaded(sets.get(0), test == null ? null : sets.get(1), pixels);
    }

    /** Whole numbers 0..255 as unsigned bytes: a quarter of the memory, the same values once divided by 255. */
    private static byte[] asBytes(float[] v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) (int) v[i];
        return b;
    }

    /** The sorted distinct labels, or null when all are whole numbers in range (then they are indices). */
    private static List<String> classNames(List<CsvTable> tables) {
        TreeSet<String> distinct = new TreeSet<>();
        boolean integers = true;
        for (CsvTable t : tables) {
            for (String s : t.labels()) {
                distinct.add(s);
                if (integers && !(s.matches("\\d{1,6}") && Integer.parseInt(s) <= MAX_INTEGER_LABEL)) integers = false;
            }
        }
        return integers ? null : List.copyOf(distinct);
    }

    private static int largestLabel(List<CsvTable> tables) {
        int max = 0;
        for (CsvTable t : tables) for (String s : t.labels()) max = Math.max(max, Integer.parseInt(s));
        return max;
    }

    private static boolean areEightBitPixels(List<CsvTable> tables) {
        boolean aboveOne = false;
        for (CsvTable t : tables) {
            for (float v : t.features()) {
                if (v < 0 || v > 255 || v != Math.rint(v)) return false;
                if (v > 1) aboveOne = true;
            }
        }
        return aboveOne;
    }
}
