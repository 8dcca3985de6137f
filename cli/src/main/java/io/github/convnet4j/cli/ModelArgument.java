package io.github.convnet4j.cli;

import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.model.Presets;
import io.github.convnet4j.util.Suggestions;
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

    /** Whether an argument that names nothing was meant as a path rather than a name. */
    static boolean looksLikePath(String text) {
        return text.contains("/") || text.contains(java.io.File.separator) || text.contains(".");
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
            if (looksLikePath(text)) throw new IOException("model '" + text + "': " + text + " does not exist");
            throw new IOException("model '" + text + "' is not a preset" + Suggestions.didYouMean(text, Presets.names())
                    + "; presets: " + String.join(", ", Presets.names()) + "; or pass a model spec, a model file or a run directory");
        }
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".safetensors")) {
            return new ModelArgument(text, ModelFiles.readSpec(p), p);
        }
        return new ModelArgument(text, ModelSpec.read(p), null);
    }
}
