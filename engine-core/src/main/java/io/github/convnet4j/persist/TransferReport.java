package io.github.convnet4j.persist;

import java.util.List;

/**
 * What {@link ModelFile#loadMatchingWeights} did.
 *
 * @param copied  target parameters that received the source's values
 * @param skipped target parameters left as initialized, each as {@code "name: reason"}
 * @param unused  source tensors that no target parameter took
 */
public record TransferReport(List<String> copied, List<String> skipped, List<String> unused) {
    public TransferReport {
        copied = List.copyOf(copied);
        skipped = List.copyOf(skipped);
        unused = List.copyOf(unused);
    }
}
