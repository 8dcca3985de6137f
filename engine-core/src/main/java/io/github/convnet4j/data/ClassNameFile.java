package io.github.convnet4j.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A text file of class names, one per line in class order (CIFAR's batches.meta.txt, {@code --class-names FILE}). */
public final class ClassNameFile {
    private ClassNameFile() {}

    /**
     * The names in {@code file}, stripped, blank lines dropped.
     *
     * @param maxBytes a larger file is refused before it is read
     * @throws IOException naming the file when it is too large or unreadable
     */
    public static List<String> read(Path file, long maxBytes) throws IOException {
        long size = Files.size(file);
        if (size > maxBytes) throw new IOException(file + ": " + size + " bytes is larger than the " + maxBytes + "-byte limit for a class-name file");
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
