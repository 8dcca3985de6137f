package io.github.convnet4j.cli;

import io.github.convnet4j.model.Model;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code convnet summary}: a Keras-like table (or JSON) of layers, output shapes and parameter counts. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "List layers, output shapes and parameter counts of a model.")
final class SummaryCommand implements Callable<Integer> {
    @Option(names = "--model", defaultValue = "keras-mnist",
            description = "Preset name, model spec (.json/.yaml), model file (.safetensors) or run directory. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--json", description = "Print one JSON object instead of the table.") boolean json;

    @Option(names = "--verbose", description = "Print stack traces on errors.") boolean verbose;

    @Override
    public Integer call() throws Exception {
        ModelArgument arg = ModelArgument.resolve(model);
        try (Model m = Model.of(arg.spec())) {
            System.out.println(json ? m.summary().json() : m.summary().table());
        }
        return 0;
    }
}
