package io.github.convnet4j.cli;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.data.MnistFormat;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.util.HeapBudget;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code convnet evaluate}: accuracy, per-class P/R/F1, macro F1, AUC and the confusion matrix. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a trained model: accuracy, per-class precision/recall/F1, macro F1, ROC AUC, confusion matrix.")
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "M", description = "Model file (.safetensors) or run directory.")
    String model;

    @Option(names = "--data", defaultValue = "fashion-mnist", paramLabel = "D",
            description = "As for train: bundled dataset name, data directory (IDX, CIFAR, CSV, image folders) or .csv file. Default: ${DEFAULT-VALUE}.")
    String data;

    @Option(names = "--split", defaultValue = "test", paramLabel = "S", description = "test or train. Default: ${DEFAULT-VALUE}.")
    String split;

    @Option(names = "--batch-size", defaultValue = "256", paramLabel = "B", converter = OptionValues.Positive.class, description = "Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--json", description = "Print one JSON object (loss, accuracy, macro_f1, auc, confusion_matrix, per_class, ...).")
    boolean json;

    @Mixin DeviceOptions deviceOptions;

    @Mixin DataOptions dataOptions;

    @Override
    public Integer call() throws Exception {
        ModelArgument arg = ModelArgument.resolve(model);
        Path weightsFile = arg.requireWeights();
        try (Backend backend = deviceOptions.open(); Model m = arg.open(backend)) {
            Dataset d = DataArgument.split(DataArgument.load(data, m.inputShape(), dataOptions), split, data);
            TestReport.Result r = HeapBudget.during("evaluating " + model + " on " + d.size() + " samples with batches of " + batchSize,
                    "lower --batch-size", () -> TestReport.evaluate(m, d, batchSize));
            DataArgument.reportStreamedSkips(d);
            String[] names = TestReport.names(m, d);
            if (json) {
                System.out.println(TestReport.json(r, names));
            } else {
                System.out.printf("%s on %s (%s, %d samples): loss %.4f%n%n", weightsFile, data, split, r.evaluation().samples(), r.evaluation().loss());
                System.out.println(r.report().toText(names));
            }
        }
        return 0;
    }
}
