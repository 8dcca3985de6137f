package io.github.convnet4j.testdata;

import java.io.InputStream;
import java.util.List;

/**
 * Datasets shipped inside this jar as classpath resources, so that {@code convnet train --data fashion-mnist}
 * works from any directory without a file-system path. Plain Java on purpose: this module does not
 * depend on engine-core; {@code io.github.convnet4j.data.MnistFormat} parses the streams.
 */
public final class BundledData {
    /** Resource folder that holds one sub-folder per dataset. */
    private static final String ROOT = "/io/github/convnet4j/testdata/";

    /** The bundled datasets: Fashion-MNIST in the MNIST IDX layout (four {@code .gz} files). */
    private static final List<String> DATASETS = List.of("fashion-mnist");

    private BundledData() {}

    /** Names accepted by {@link #open} and {@link #has}. */
    public static List<String> datasets() { return DATASETS; }

    /** Whether {@code dataset} (e.g. {@code "fashion-mnist"}) is bundled and present on the classpath. */
    public static boolean has(String dataset) {
        return DATASETS.contains(dataset) && BundledData.class.getResource(ROOT + dataset + "/LICENSE") != null;
    }

    /**
     * Opens one file of a bundled dataset, e.g. {@code open("fashion-mnist", "train-images-idx3-ubyte.gz")}.
     *
     * @return the stream, which the caller closes, or {@code null} when there is no such dataset or file
     *         (like {@link Class#getResourceAsStream}); names with path separators are never resolved
     */
    public static InputStream open(String dataset, String fileName) {
        if (!DATASETS.contains(dataset) || fileName == null || fileName.isEmpty()
                || fileName.contains("/") || fileName.contains("\\") || fileName.startsWith(".")) {
            return null;
        }
        return BundledData.class.getResourceAsStream(ROOT + dataset + "/" + fileName);
    }
}
