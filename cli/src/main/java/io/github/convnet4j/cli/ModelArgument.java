package io.github.convnet4j.cli;

import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.model.Presets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@code --model} names: a preset, a model spec (.json/.yaml/.yml), a model file
 * (.safetensors), or a run directory (meaning its final {@code model.safetensors}).
 */
record ModelArgument(String text, ModelSpec spec, Path weightsFile) {
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

    static ModelArgument resolve(String text) throws IOException {
        if (Presets.isPreset(text)) return new ModelArgument(text, Presets.get(text), null);
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
            return new ModelArgument(text, ModelFiles.readSpec(p), p);
        }
        return new ModelArgument(text, ModelSpec.read(p), null);
    }
}
