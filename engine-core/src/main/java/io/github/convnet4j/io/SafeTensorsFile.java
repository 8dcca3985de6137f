package io.github.convnet4j.io;

import io.github.convnet4j.tensor.HostTensor;

import java.util.Map;

/**
 * The content of a safetensors file.
 *
 * @param tensors  tensors by name, in the order of the file's header (insertion-ordered, unmodifiable)
 * @param metadata the {@code __metadata__} string map, empty when absent (insertion-ordered, unmodifiable)
 */
public record SafeTensorsFile(Map<String, HostTensor> tensors, Map<String, String> metadata) {
}
