package io.github.convnet4j.cli;

import io.github.convnet4j.data.MnistFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** What {@code --class-names} names: {@code fashion-mnist}, or a text file with one class name per line. */
final class ClassNamesArgument {
    /** A class-name file larger than this is refused before it is read. */
    static final long MAX_FILE_BYTES = 4L << 20;

    private ClassNamesArgument() {}

    /** The names, in class order; blank lines and surrounding spaces are dropped. */
    static List<String> resolve(String arg) throws IOException {
        if (arg.equals("fashion-mnist")) return MnistFormat.FASHION_MNIST_CLASSES;
        Path file = Path.of(arg);
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new IOException(arg + ": no such file (--class-names takes fashion-mnist or a file with one name per line)");
        }
        if (size > MAX_FILE_BYTES) throw new IOException(arg + ": " + size + " bytes is larger than the " + MAX_FILE_BYTES + "-byte limit for a class-name file");
        List<String> names = Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (names.isEmpty()) throw new IOException(arg + ": no class names in the file");
        return names;
    }
}
