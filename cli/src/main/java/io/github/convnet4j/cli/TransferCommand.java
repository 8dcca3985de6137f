package io.github.convnet4j.cli;

import io.github.convnet4j.io.AtomicFiles;
import io.github.convnet4j.model.LayerSpec;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code convnet transfer}: writes the model spec of a transfer-learning step. Cut: the layers of a
 * model up to a named layer, frozen, with a new head for another number of classes; train it with
 * {@code --weights} pointing at the trained model, so the base keeps its weights (matched by layer
 * name). Unfreeze: the same spec with every layer trainable, to fine-tune at a lower rate.
 */
@Command(name = "transfer", mixinStandardHelpOptions = true,
        description = {"Write the model spec of a transfer-learning step:",
                "  cut:      convnet transfer --model RUN --cut-at LAYER --classes K --out head.yaml",
                "            (base frozen, new head), then: convnet train --model head.yaml --weights RUN ...",
                "  unfreeze: convnet transfer --model RUN2 --unfreeze --out finetune.yaml",
                "            then: convnet train --model finetune.yaml --weights RUN2 --lr 1e-4 ..."})
final class TransferCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "M", description = "Preset, model spec, model file or run directory.")
    String model;

    @Option(names = "--cut-at", paramLabel = "LAYER", description = "Keep this layer and every layer it depends on.")
    String cutAt;

    @Option(names = "--classes", paramLabel = "K", description = "Classes of the new head (with --cut-at).")
    Integer classes;

    @Option(names = "--head", defaultValue = "flatten", paramLabel = "H",
            description = "flatten (Flatten, Dense) or gap (GlobalAveragePooling2D, Dense) for an image-shaped cut. Default: ${DEFAULT-VALUE}.")
    String head;

    @Option(names = "--train-base", description = "Leave the base trainable (default: frozen).")
    boolean trainBase;

    @Option(names = "--unfreeze", description = "Instead of cutting: the model's spec with every layer trainable (fine-tuning).")
    boolean unfreeze;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The spec to write (.yaml, .yml or .json).")
    Path out;

    @Override
    public Integer call() throws Exception {
        ModelSpec spec = ModelArgument.resolve(model).spec();
        ModelSpec result;
        if (unfreeze) {
            if (cutAt != null || classes != null) throw new IllegalArgumentException("--unfreeze takes neither --cut-at nor --classes");
            result = spec.withTrainable(true);
        } else {
            if (cutAt == null || classes == null) throw new IllegalArgumentException("give --cut-at LAYER and --classes K (or --unfreeze)");
            if (classes < 1) throw new IllegalArgumentException("--classes must be >= 1, got " + classes);
            ModelSpec base = spec.upTo(cutAt).withTrainable(trainBase);
            result = base.withHead(head(base)).withName(spec.name() == null ? "transfer" : spec.name() + "-transfer");
        }
        try (Model check = Model.of(result)) {
            String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
            String text = name.endsWith(".json") ? result.toJson() : result.toYaml();
            AtomicFiles.write(out, o -> o.write(text.getBytes(StandardCharsets.UTF_8)));
            System.out.printf(Locale.ROOT, "%s: %d layers, %,d trainable of %,d parameters%n", out, check.layers().size(),
                    check.trainableParameterCount(), check.parameterCount());
        }
        return 0;
    }

    private List<LayerSpec> head(ModelSpec base) {
        List<LayerSpec> h = new ArrayList<>();
        boolean image;
        try (Model m = Model.of(base)) {
            image = m.outputShape().rank() == 3;
        }
        if (image) {
            switch (head) {
                case "flatten" -> h.add(LayerSpec.of("Flatten", "name", "head_flatten"));
                case "gap" -> h.add(LayerSpec.of("GlobalAveragePooling2D", "name", "head_pool"));
                default -> throw new IllegalArgumentException("--head must be flatten or gap, got '" + head + "'");
            }
        }
        h.add(LayerSpec.of("Dense", "name", "head", "units", classes, "activation", classes == 1 ? "sigmoid" : "softmax"));
        return h;
    }
}
