package io.github.convnet4j.cli;

import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.io.AtomicFiles;
import io.github.convnet4j.metrics.ClassificationReport;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.train.Evaluation;
import io.github.convnet4j.train.Evaluator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Evaluates a model on a dataset and turns the probabilities into a classification report. */
final class TestReport {
    private TestReport() {}

    /** Evaluates with the model's inferred loss; returns the evaluation (probabilities kept) and the report. */
    static Result evaluate(Model model, Dataset data, int batchSize) {
        try (Evaluator evaluator = new Evaluator(model, null, data.numClasses(), batchSize)) {
            Evaluation e = evaluator.evaluate(data, true);
            float[] probs = e.probabilities();
            int k = e.width();
            if (k == 1) { // a sigmoid output: expand to two columns (negative, positive)
                float[] two = new float[e.samples() * 2];
                for (int i = 0; i < e.samples(); i++) { two[2 * i] = 1 - probs[i]; two[2 * i + 1] = probs[i]; }
                probs = two;
                k = 2;
            }
            return new Result(e, ClassificationReport.compute(probs, e.samples(), k, data.labels()));
        }
    }

    /** Evaluates on the test set, prints a one-line summary and writes {@code test-metrics.json} into the run directory. */
    static void evaluateAndSave(Model model, Dataset test, Path runDir, PrintStream out) throws IOException {
        Result r = evaluate(model, test, 256);
        out.printf("test: loss %.4f - accuracy %.4f - macro F1 %.4f - AUC %.4f (%d samples)%n",
                r.evaluation().loss(), r.report().accuracy(), r.report().macroF1(), r.report().auc(), r.evaluation().samples());
        byte[] json = r.report().toJson(names(model, test)).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(runDir.resolve("test-metrics.json"), o -> o.write(json));
    }

    /** Row names for a report: the model's class names where it has one per class, else the data's (or numbers). */
    static String[] names(Model model, Dataset d) {
        List<String> own = model.spec().classNames();
        String[] names = new String[d.numClasses()];
        for (int i = 0; i < names.length; i++) names[i] = own.size() == names.length ? own.get(i) : d.className(i);
        return names;
    }

    record Result(Evaluation evaluation, ClassificationReport report) {}
}
