package io.github.convnet4j.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.convnet4j.persist.ModelFile;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Architectural rules, checked on the compiled classes (a class file names every class it uses in
 * its constant pool): file formats know nothing of training, and the option strings of a training
 * configuration are parsed in one place.
 */
class PackageDependencyTest {
    private static Path classes() throws URISyntaxException {
        return Path.of(ModelFile.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** The class files under {@code package} that mention {@code internalName} (e.g. {@code io/github/x/Y}). */
    private static List<String> referencing(String pkg, String internalName) throws IOException, URISyntaxException {
        Path dir = classes().resolve(pkg.replace('.', '/'));
        byte[] needle = internalName.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".class")).filter(f -> {
                try {
                    return contains(Files.readAllBytes(f), needle);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).map(f -> dir.relativize(f).toString()).sorted().toList();
        }
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return true;
        }
        return false;
    }

    @Test void fileFormatsDoNotDependOnTraining() throws Exception {
        for (String format : new String[] {"io.github.convnet4j.persist", "io.github.convnet4j.io", "io.github.convnet4j.data"}) {
            assertEquals(List.of(), referencing(format, "io/github/convnet4j/train/"), format + " must not use the train package");
        }
        assertFalse(referencing("io.github.convnet4j.train", "io/github/convnet4j/persist/ModelFile").isEmpty(),
                "the scan sees references at all (train uses persist)");
    }

    @Test void trainingOptionStringsAreParsedInOnePlace() throws Exception {
        assertEquals(List.of("TrainOptions.class"), referencing("io.github.convnet4j.train", "io/github/convnet4j/optim/Optimizers"));
        assertEquals(List.of("TrainOptions.class"), referencing("io.github.convnet4j.train", "io/github/convnet4j/optim/LearningRateSchedules"));
    }
}
