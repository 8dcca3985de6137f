package io.github.convnet4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.chart.TrainingCurvesChart;
import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.data.ImageWriter;
import io.github.convnet4j.explain.ExplainMethod;
import io.github.convnet4j.explain.Explainer;
import io.github.convnet4j.explain.Explanation;
import io.github.convnet4j.explain.Heatmap;
import io.github.convnet4j.explain.ModelProbe;
import io.github.convnet4j.explain.Overlay;
import io.github.convnet4j.io.AtomicFiles;
import io.github.convnet4j.metrics.ClassificationReport;
import io.github.convnet4j.metrics.ConfusionMatrix;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.train.Checkpoint;
import io.github.convnet4j.train.CheckpointData;
import io.github.convnet4j.persist.ModelFile;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.train.EpochResult;
import io.github.convnet4j.train.TrainJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code convnet report RUN}: one self-contained page, {@code RUN/report.html}, about a finished
 * run: settings, curves, test metrics, per-class table, confusion matrix, the most confident
 * mistakes with Grad-CAM, the first layer's filters and the model summary.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write RUN/report.html: settings, curves, metrics, confusion matrix, confident mistakes with Grad-CAM, filters, summary.")
final class ReportCommand implements Callable<Integer> {
    static final String FILE_NAME = "report.html";

    @Parameters(index = "0", paramLabel = "RUN", description = "A run directory (with model.safetensors).")
    Path run;

    @Option(names = "--data", paramLabel = "D", description = "Test data. Default: the run's training data.")
    String data;

    @Option(names = "--mistakes", defaultValue = "8", paramLabel = "N", description = "Confident mistakes to show. Default: ${DEFAULT-VALUE}.")
    int mistakes;

    @Mixin DeviceOptions deviceOptions;

    @Override
    public Integer call() throws Exception {
        if (mistakes < 0 || mistakes > 64) throw new IllegalArgumentException("--mistakes must be in 0..64, got " + mistakes);
        if (!Files.isDirectory(run)) throw new IllegalArgumentException(run + ": not a run directory");
        ModelArgument arg = ModelArgument.resolve(run.toString());
        CheckpointData checkpoint = Files.isRegularFile(Checkpoint.file(run)) ? Checkpoint.read(Checkpoint.file(run)) : null;
        String dataName = data != null ? data : checkpoint != null ? checkpoint.config().extra().getOrDefault("data", "fashion-mnist") : "fashion-mnist";
        Dataset test = DataArgument.load(dataName).test();
        HtmlPage page = new HtmlPage("Run report: " + run.toAbsolutePath().normalize().getFileName());
        settings(page, checkpoint, dataName);
        curves(page, checkpoint);
        try (Backend backend = deviceOptions.open(); Model m = ModelFile.open(arg.requireWeights(), backend, DType.F32)) {
            TestReport.Result r = TestReport.evaluate(m, test, 256);
            String[] names = TestReport.names(m, test);
            metrics(page, r, test, dataName);
            perClass(page, r.report(), names);
            confusion(page, r.report().confusionMatrix(), names);
            mistakes(page, m, test, r, names);
            filters(page, m, backend);
            page.section("summary", "Model summary").preformatted(m.summary().table());
        }
        byte[] html = page.html().getBytes(StandardCharsets.UTF_8);
        Path file = run.resolve(FILE_NAME);
        AtomicFiles.write(file, o -> o.write(html));
        System.out.println("wrote " + file + " (" + html.length / 1024 + " KiB)");
        return 0;
    }

    private static void settings(HtmlPage page, CheckpointData c, String dataName) throws Exception {
        page.section("settings", "Settings");
        List<List<HtmlPage.Cell>> rows = new ArrayList<>();
        rows.add(List.of(HtmlPage.Cell.of("data"), HtmlPage.Cell.of(dataName)));
        if (c != null) {
            JsonNode config = new ObjectMapper().readTree(TrainJson.configToJson(c.config()));
            for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                rows.add(List.of(HtmlPage.Cell.of(e.getKey()), HtmlPage.Cell.of(e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString())));
            }
        } else {
            rows.add(List.of(HtmlPage.Cell.of("training settings"), HtmlPage.Cell.of("unknown: the run has no checkpoint")));
        }
        page.table(List.of("setting", "value"), rows);
    }

    private static void curves(HtmlPage page, CheckpointData c) {
        page.section("curves", "Training curves");
        List<EpochResult> history = c == null ? List.of() : c.progress().history();
        if (history.isEmpty()) {
            page.paragraph("No epochs recorded.");
            return;
        }
        page.figure(TrainingCurvesChart.render(history), "loss and accuracy per epoch", null);
        List<List<HtmlPage.Cell>> rows = new ArrayList<>();
        for (EpochResult e : history) {
            rows.add(List.of(HtmlPage.Cell.of(e.epoch()), num(e.loss()), num(e.accuracy()), num(e.valLoss()), num(e.valAccuracy()),
                    HtmlPage.Cell.of(String.format(Locale.ROOT, "%.1f", e.seconds()))));
        }
        page.table(List.of("epoch", "loss", "accuracy", "val_loss", "val_accuracy", "seconds"), rows);
    }

    private static void metrics(HtmlPage page, TestReport.Result r, Dataset test, String dataName) {
        ClassificationReport c = r.report();
        page.section("metrics", "Final metrics");
        page.paragraph("On the " + test.size() + " test images of " + dataName + ".");
        page.table(List.of("metric", "value"), List.of(
                List.of(HtmlPage.Cell.of("loss"), num(r.evaluation().loss())),
                List.of(HtmlPage.Cell.of("accuracy"), num(c.accuracy())),
                List.of(HtmlPage.Cell.of("top-" + ClassificationReport.TOP_K + " accuracy"), num(c.topKAccuracy())),
                List.of(HtmlPage.Cell.of("macro F1"), num(c.macroF1())),
                List.of(HtmlPage.Cell.of("weighted F1"), num(c.weightedF1())),
                List.of(HtmlPage.Cell.of("ROC AUC (one-vs-rest, macro)"), num(c.auc()))));
    }

    private static void perClass(HtmlPage page, ClassificationReport c, String[] names) {
        page.section("per-class", "Per class");
        ConfusionMatrix m = c.confusionMatrix();
        List<List<HtmlPage.Cell>> rows = new ArrayList<>();
        for (int k = 0; k < m.numClasses(); k++) {
            rows.add(List.of(HtmlPage.Cell.of(names[k]), num(m.precision(k)), num(m.recall(k)), num(m.f1(k)), HtmlPage.Cell.of(m.support(k))));
        }
        page.table(List.of("class", "precision", "recall", "F1", "support"), rows);
    }

    private static void confusion(HtmlPage page, ConfusionMatrix m, String[] names) {
        page.section("confusion", "Confusion matrix");
        page.paragraph("Rows: true class; columns: predicted class; shade: share of the row.");
        List<String> header = new ArrayList<>(List.of("true \\ predicted"));
        header.addAll(Arrays.asList(names));
        List<List<HtmlPage.Cell>> rows = new ArrayList<>();
        for (int t = 0; t < m.numClasses(); t++) {
            List<HtmlPage.Cell> row = new ArrayList<>(List.of(HtmlPage.Cell.of(names[t])));
            long support = Math.max(1, m.support(t));
            for (int p = 0; p < m.numClasses(); p++) {
                double share = (double) m.count(t, p) / support;
                row.add(new HtmlPage.Cell(String.valueOf(m.count(t, p)), shade(share, t == p)));
            }
            rows.add(row);
        }
        page.table(header, rows);
    }

    /** White to blue for the diagonal, white to red off it. */
    private static int shade(double share, boolean diagonal) {
        double s = Math.sqrt(Math.max(0, Math.min(1, share)));
        int[] to = diagonal ? new int[] {66, 133, 244} : new int[] {219, 68, 55};
        int rgb = 0;
        for (int c : to) rgb = rgb << 8 | (int) Math.round(255 + (c - 255) * s);
        return rgb;
    }

    private void mistakes(HtmlPage page, Model m, Dataset test, TestReport.Result r, String[] names) {
        page.section("mistakes", "Most confident mistakes");
        float[] p = r.evaluation().probabilities();
        int k = r.evaluation().width(), n = r.evaluation().samples();
        List<int[]> wrong = new ArrayList<>(); // {index, predicted}
        for (int i = 0; i < n && k > 1; i++) {
            int pred = ConfusionMatrix.argmax(p, i * k, k);
            if (pred != test.label(i)) wrong.add(new int[] {i, pred});
        }
        wrong.sort((a, b) -> Float.compare(p[b[0] * k + b[1]], p[a[0] * k + a[1]]));
        List<int[]> shown = wrong.subList(0, Math.min(mistakes, wrong.size()));
        if (shown.isEmpty() || m.inputShape().rank() != 3) {
            page.paragraph(shown.isEmpty() ? "No mistakes on the test set." : "Grad-CAM needs image inputs.");
            return;
        }
        try (ModelProbe probe = new ModelProbe(m)) {
            Explainer gradCam = new Explainer(probe, ExplainMethod.GRADCAM, null, 4, 2);
            page.paragraph("Each: the image, then Grad-CAM (layer " + gradCam.layer() + ") for the predicted class.");
            Shape sample = m.inputShape();
            for (int[] w : shown) {
                float[] x = new float[test.sampleSize()];
                test.copySample(w[0], x, 0);
                Explanation e = gradCam.explain(x, w[1]);
                String caption = String.format(Locale.ROOT, "#%d: true %s, predicted %s (%.3f)", w[0], names[test.label(w[0])], names[w[1]], p[w[0] * k + w[1]]);
                page.figure(Overlay.grid(List.of(x), sample, List.<Heatmap>of(e.heatmap()), 1, 4), "mistake " + w[0], caption);
            }
        }
    }

    private static void filters(HtmlPage page, Model m, Backend backend) {
        page.section("filters", "First layer's filters");
        for (Parameter prm : m.parameters()) {
            Shape s = prm.value().shape(); // (K, C, R, S)
            if (!prm.name().endsWith("/kernel") || s.rank() != 4) continue;
            float[] w = new float[Math.toIntExact(s.size())];
            backend.download(prm.value(), w, 0);
            boolean rgb = s.dim(1) == 3;
            Shape grid = rgb ? s : Shape.of(s.dim(0) * s.dim(1), 1, s.dim(2), s.dim(3));
            page.figure(ImageWriter.renderGrid(w, grid, rgb ? 8 : Math.max(s.dim(1), 8), 8, true), "filters of " + prm.name(), prm.name() + " " + s);
            return;
        }
        page.paragraph("The model has no convolution.");
    }

    private static HtmlPage.Cell num(double v) { return HtmlPage.Cell.of(Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v)); }
}
