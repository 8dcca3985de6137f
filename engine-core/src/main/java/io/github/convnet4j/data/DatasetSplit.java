package io.github.convnet4j.data;

/**
 * A dataset divided into a training part and a held-out validation part (see {@link Dataset#split}).
 *
 * @param train      the samples to train on
 * @param validation the held-out samples (possibly empty)
 */
public record DatasetSplit(Dataset train, Dataset validation) {
}
