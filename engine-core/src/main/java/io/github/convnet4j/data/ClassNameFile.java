package io.github.convnet4j.data;

import java.io.IOException;
import io.github.convnet4j.io.InputFiles;
import java.nio.file.Path;
import java.util.List;

/** A text file of class names, one per line in class order (CIFAR's batches.meta.txt, {@code --class-names FILE}). */
public final class ClassNameFile {
    private ClassNameFile() {}

    /**
     * The names in {@code file}, stripped, blank lines dropped.
     *
     * @param maxBytes a larger file is refused before it is read
     * @throws IOException naming the file when it is too large, not a regular file, not UTF-8 (with the byte offset) or unreadable
     */
    public static List<String> read(Path file, long maxBytes) throws IOException {
        return InputFiles.readText(file, maxBytes, "a class-name file").lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
