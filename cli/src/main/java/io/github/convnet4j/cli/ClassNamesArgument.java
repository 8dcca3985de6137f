package io.github.convnet4j.cli;

import io.github.convnet4j.data.ClassNameFile;
import io.github.convnet4j.data.MnistFormat;
import java.io.IOException;
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
        List<String> names;
        try {
            names = ClassNameFile.read(Path.of(arg), MAX_FILE_BYTES);
        } catch (NoSuchFileException e) {
            throw new IOException(arg + ": no such file (--class-names takes fashion-mnist or a file with one name per line)");
        }
        if (names.isEmpty()) throw new IOException(arg + ": no class names in the file");
        return names;
    }
}
