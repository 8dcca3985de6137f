package io.github.convnet4j.train;

import io.github.convnet4j.tensor.HostTensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** How a checkpoint reaches the disk; a seam so tests can inject a failure in the middle of a write. */
@FunctionalInterface
interface TensorFileWriter {
    void write(Path file, Map<String, HostTensor> tensors, Map<String, String> metadata) throws IOException;
}
