package io.github.convnet4j.cli;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.persist.LoadedModel;
import io.github.convnet4j.persist.ModelFile;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.model.Presets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@code --model} names: a preset, a model spec (.json/.yaml/.yml), a model file
 * (.safetensors), or a run directory (meaning its final {@code model.safetensors}).
 */
record ModelArgument(String text, ModelSpec spec, Path weightsFile, LoadedModel loaded) {
    /** The file name a run directory's final model has. */
    static final String MODEL_FILE = "model.safetensors";

    /** Whether this argument carries trained weights (a model file or a run directory). */
    boolean hasWeights() { return weightsFile != null; }

    /**
     * The trained weights' file, for commands that need them (evaluate, predict, visualize).
     *
     * @throws IllegalArgumentException naming the argument when it is a preset or a bare spec
     */
    Path requireWeights() {
        if (weightsFile == null) {
            throw new IllegalArgumentException("model '" + text + "' has no trained weights: pass a model file (.safetensors) or a run directory");
        }
        return weightsFile;
    }

    /**
     * Builds the trained model on {@code backend} from the file read by {@link #resolve} (read once,
     * checked against its architecture before anything is allocated).
     */
    Model open(Backend backend) throws IOException {
        requireWeights();
        return loaded.build(backend, DType.F32);
    }

    static ModelArgument resolve(String text) throws IOException {
        if (Presets.names().contains(text)) return new ModelArgument(text, Presets.get(text), null, null);
        Path p = Path.of(text);
        if (Files.isDirectory(p)) {
            Path model = p.resolve(MODEL_FILE);
            if (!Files.isRegularFile(model)) {
                throw new IOException(text + ": run directory has no " + MODEL_FILE + " (did its training finish?)");
            }
            p = model;
        }
        if (!Files.exists(p)) {
            throw new IOException("model '" + text + "' is neither a preset (" + String.join(", ", Presets.names())
                    + "), nor a file, nor a run directory");
        }
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".safetensors")) {
            LoadedModel loaded = ModelFile.load(p);
            return new ModelArgument(text, loaded.spec(), p, loaded);
        }
        return new ModelArgument(text, ModelSpec.read(p), null, null);
    }
}
