package io.github.convnet4j.cli;

import picocli.CommandLine.Option;

/** How {@code --data} reads image folders and CSV files (ignored for IDX and CIFAR data). */
final class DataOptions {
    @Option(names = "--resize", defaultValue = "stretch", paramLabel = "HOW",
            description = "Image folders: fit each image to the model's input by 'stretch' (resize the whole image) or 'crop'"
                    + " (centre crop to the input's aspect ratio, then resize). Default: ${DEFAULT-VALUE}.")
    String resize;

    @Option(names = "--skip-bad", description = "Image folders: skip unreadable or non-image files (and say how many) instead of stopping.")
    boolean skipBad;

    @Option(names = "--stream", description = "Image folders: decode images batch by batch on loader threads, ahead of the training step,"
            + " instead of holding them all in memory (the default when they would take more than half the free heap).")
    boolean stream;

    /** The most loader threads {@code --loader-threads} takes: each holds batch buffers in flight. */
    static final int MAX_LOADER_THREADS = 64;

    @Option(names = "--loader-threads", defaultValue = "0", paramLabel = "N",
            description = "Image folders: threads that decode (and, streamed, augment) images; 0 = one per core, at most 8; at most 64."
                    + " The batches do not depend on it. Default: ${DEFAULT-VALUE}.")
    int loaderThreads;

    @Option(names = "--label-column", defaultValue = "0", paramLabel = "COL",
            description = "CSV: the label column, by header name or index (0 = first, -1 = last). Default: ${DEFAULT-VALUE}.")
    String labelColumn;
}
