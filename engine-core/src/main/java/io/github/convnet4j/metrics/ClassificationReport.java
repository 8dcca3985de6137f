package io.github.convnet4j.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * Everything an evaluation reports, computed once from the predicted class probabilities
 * {@code (n, k)} and the true labels: confusion matrix, accuracy, top-5 accuracy (when k > 5),
 * per-class precision / recall / F1 / support / one-vs-rest AUC, macro and weighted F1, and the
 * macro one-vs-rest AUC (for k = 2 the two one-vs-rest AUCs coincide for probabilities, and the
 * macro is the usual binary AUC).
 */
public final class ClassificationReport {
    /** The k of the top-k accuracy reported when there are more than this many classes. */
    public static final int TOP_K = 5;

    private final int n;
    private final ConfusionMatrix matrix;
    private final double topKAccuracy;
    private final RocAuc.Result auc;
    private final String aucNote;

    private ClassificationReport(int n, ConfusionMatrix matrix, double topKAccuracy, RocAuc.Result auc, String aucNote) {
        this.n = n;
        this.matrix = matrix;
        this.topKAccuracy = topKAccuracy;
        this.auc = auc;
        this.aucNote = aucNote;
    }

    /**
     * @param probabilities {@code (n, k)} row-major class probabilities (softmax outputs); argmax gives the prediction
     * @param n             number of samples
     * @param k             number of classes
     * @param labels        {@code n} true labels in [0, k)
     */
    public static ClassificationReport compute(float[] probabilities, int n, int k, int[] labels) {
        ConfusionMatrix m = ConfusionMatrix.of(probabilities, n, k, labels);
        double topK = k > TOP_K ? Metrics.topKAccuracy(probabilities, n, k, labels, TOP_K) : Double.NaN;
        boolean nan = false;
        for (int i = 0; i < n * k && !nan; i++) nan = Float.isNaN(probabilities[i]);
        RocAuc.Result auc;
        String note;
        if (nan) {
            double[] none = new double[k];
            java.util.Arrays.fill(none, Double.NaN);
            auc = new RocAuc.Result(none, Double.NaN, List.of());
            note = "not computed: the probabilities contain NaN";
        } else {
            auc = RocAuc.oneVsRest(probabilities, n, k, labels);
            note = auc.skipped().isEmpty() ? "" : "classes without both positive and negative samples left out: " + auc.skipped();
        }
        return new ClassificationReport(n, m, topK, auc, note);
    }

    public int samples() { return n; }

    public int numClasses() { return matrix.numClasses(); }

    public ConfusionMatrix confusionMatrix() { return matrix; }

    public double accuracy() { return matrix.accuracy(); }

    /** Top-{@link #TOP_K} accuracy, or NaN when there are not more than {@link #TOP_K} classes. */
    public double topKAccuracy() { return topKAccuracy; }

    public double macroF1() { return matrix.macroF1(); }

    public double weightedF1() { return matrix.weightedF1(); }

    /** Macro one-vs-rest AUC, NaN when undefined. */
    public double auc() { return auc.macro(); }

    /** One-vs-rest AUC of class {@code c}, NaN when undefined (skipped). */
    public double auc(int c) { return auc.perClass()[c]; }

    /** Classes left out of the macro AUC because they lack positives or negatives. */
    public List<Integer> aucSkippedClasses() { return auc.skipped(); }

    /**
     * An aligned text table in the style of scikit-learn's {@code classification_report}, followed by
     * the confusion matrix.
     *
     * @param classNames names for the rows, or null (or too short) to use class numbers
     */
    public String toText(String[] classNames) {
        int k = numClasses();
        String[] names = new String[k];
        int width = "weighted avg".length();
        for (int c = 0; c < k; c++) {
            names[c] = classNames != null && c < classNames.length && classNames[c] != null ? classNames[c] : String.valueOf(c);
            width = Math.max(width, names[c].length());
        }
        StringBuilder b = new StringBuilder();
        String head = "%" + width + "s %10s %10s %10s %10s %10s%n";
        String row = "%" + width + "s %10.4f %10.4f %10.4f %10d %10s%n";
        b.append(String.format(Locale.ROOT, head, "", "precision", "recall", "f1-score", "support", "auc")).append('\n');
        for (int c = 0; c < k; c++) {
            b.append(String.format(Locale.ROOT, row, names[c], matrix.precision(c), matrix.recall(c), matrix.f1(c), matrix.support(c), num(auc(c))));
        }
        b.append('\n');
        b.append(String.format(Locale.ROOT, "%" + width + "s %10s %10s %10.4f %10d%n", "accuracy", "", "", accuracy(), n));
        b.append(String.format(Locale.ROOT, row, "macro avg", matrix.macroPrecision(), matrix.macroRecall(), macroF1(), n, num(auc())));
        b.append(String.format(Locale.ROOT, row, "weighted avg", matrix.weightedPrecision(), matrix.weightedRecall(), weightedF1(), n, "").stripTrailing()).append('\n');
        if (!Double.isNaN(topKAccuracy)) b.append(String.format(Locale.ROOT, "%ntop-%d accuracy: %.4f%n", TOP_K, topKAccuracy));
        if (!aucNote.isEmpty()) b.append(String.format("%nAUC: %s%n", aucNote));

        b.append(String.format("%nconfusion matrix (rows = true class, columns = predicted class):%n"));
        long max = 0;
        for (long[] r : matrix.toArray()) for (long v : r) max = Math.max(max, v);
        int cell = Math.max(String.valueOf(max).length(), String.valueOf(k - 1).length()) + 1;
        b.append(String.format("%" + width + "s", ""));
        for (int c = 0; c < k; c++) b.append(String.format("%" + cell + "d", c));
        b.append('\n');
        for (int t = 0; t < k; t++) {
            b.append(String.format("%" + width + "s", names[t]));
            for (int p = 0; p < k; p++) b.append(String.format("%" + cell + "d", matrix.count(t, p)));
            b.append('\n');
        }
        return b.toString();
    }

    private static String num(double v) { return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v); }

    /**
     * The report as a JSON object: {@code samples, num_classes, accuracy, top_k, top_k_accuracy}
     * (the last two only when k > 5), {@code macro_precision, macro_recall, macro_f1, weighted_f1,
     * auc, auc_note, per_class: [{class, name, precision, recall, f1, support, auc}],
     * confusion_matrix: [[...]]}. Undefined values (NaN) are written as null.
     *
     * @param classNames names, or null to leave "name" as the class number
     */
    public String toJson(String[] classNames) { return toJson(classNames, Double.NaN); }

    /**
     * As {@link #toJson(String[])}, with the mean loss over the samples as {@code loss} after
     * {@code num_classes} (left out when NaN).
     */
    public String toJson(String[] classNames, double loss) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode o = json.createObjectNode();
        int k = numClasses();
        o.put("samples", n);
        o.put("num_classes", k);
        if (!Double.isNaN(loss)) putNumber(o, "loss", loss);
        o.put("accuracy", accuracy());
        if (!Double.isNaN(topKAccuracy)) {
            o.put("top_k", TOP_K);
            o.put("top_k_accuracy", topKAccuracy);
        }
        o.put("macro_precision", matrix.macroPrecision());
        o.put("macro_recall", matrix.macroRecall());
        o.put("macro_f1", macroF1());
        o.put("weighted_f1", weightedF1());
        putNumber(o, "auc", auc());
        if (!aucNote.isEmpty()) o.put("auc_note", aucNote);
        ArrayNode per = o.putArray("per_class");
        for (int c = 0; c < k; c++) {
            ObjectNode e = per.addObject();
            e.put("class", c);
            e.put("name", classNames != null && c < classNames.length && classNames[c] != null ? classNames[c] : String.valueOf(c));
            e.put("precision", matrix.precision(c));
            e.put("recall", matrix.recall(c));
            e.put("f1", matrix.f1(c));
            e.put("support", matrix.support(c));
            putNumber(e, "auc", auc(c));
        }
        ArrayNode cm = o.putArray("confusion_matrix");
        for (long[] r : matrix.toArray()) {
            ArrayNode a = cm.addArray();
            for (long v : r) a.add(v);
        }
        try {
            return json.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e); // cannot happen for a tree of plain values
        }
    }

    /** {@link #toJson(String[])} without class names. */
    public String toJson() { return toJson(null); }

    private static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) o.putNull(key); else o.put(key, v);
    }
}
