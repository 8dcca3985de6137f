package io.github.convnet4j.data;

import java.io.IOException;
import java.io.InputStream;

/**
 * Opens dataset files by name from somewhere other than a directory, e.g. classpath resources
 * ({@code name -> BundledData.open("fashion-mnist", name)}).
 */
@FunctionalInterface
public interface ResourceSource {
    /**
     * Opens the file called {@code fileName}.
     *
     * @return the stream (the caller closes it), or {@code null} when there is no such file
     */
    InputStream open(String fileName) throws IOException;
}
