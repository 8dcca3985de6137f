package io.github.convnet4j.cli;

import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.persist.ModelFile;
import java.io.IOException;
import java.nio.file.Path;

/** Small bridge from the CLI's model arguments to {@link ModelFile}. */
final class ModelFiles {
    private ModelFiles() {}

    /** The architecture stored in a model file. */
    static ModelSpec readSpec(Path file) throws IOException {
        return ModelFile.load(file).spec();
    }
}
