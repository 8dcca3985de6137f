package io.github.convnet4j.cli;

import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.metrics.ClassificationReport;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.train.ClassProbabilities;
import io.github.convnet4j.train.Evaluation;
import io.github.convnet4j.train.Evaluator;
import io.github.convnet4j.train.RunDirectory;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/** Evaluates a model on a dataset and turns the probabilities into a classification report. */
final class TestReport {
    private TestReport() {}

    /** Evaluates with the model's inferred loss; returns the evaluation (probabilities kept) and the report. */
    static Result evaluate(Model model, Dataset data, int batchSize) {
        try (Evaluator evaluator = new Evaluator(model, null, data.numClasses(), batchSize)) {
            Evaluation e = evaluator.evaluate(data, true);
            float[] probs = ClassProbabilities.of(e.probabilities(), e.samples(), e.width());
            return new Result(e, ClassificationReport.compute(probs, e.samples(), ClassProbabilities.classes(e.width()), e.labels()));
        }
    }

    /** Evaluates on the test set, prints a one-line summary and writes {@code test-metrics.json} (with the loss) into the run directory. */
    static void evaluateAndSave(Model model, Dataset test, RunDirectory run, PrintStream out) throws IOException {
        Result r = evaluate(model, test, 256);
        out.printf("test: loss %.4f - accuracy %.4f - macro F1 %.4f - AUC %.4f (%d samples)%n",
                r.evaluation().loss(), r.report().accuracy(), r.report().macroF1(), r.report().auc(), r.evaluation().samples());
        run.writeTestMetrics(json(r, names(model, test)));
    }

    /** The report as JSON with the loss, as {@code evaluate --json} prints and {@code test-metrics.json} holds. */
    static String json(Result r, String[] names) {
        return r.report().toJson(names, r.evaluation().loss());
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
