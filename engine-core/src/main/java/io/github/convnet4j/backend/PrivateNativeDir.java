package io.github.convnet4j.backend;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Where JOCL and JCuda unpack their JNI libraries: a fresh directory of this process, never a
 * fixed name in the shared temp directory.
 *
 * <p>Both libraries' {@code LibUtils} extract {@code libJOCL_2_0_5-linux-x86_64.so},
 * {@code libJCudaDriver-12.6.0-linux-x86_64.so}, ... to {@code ${java.io.tmpdir}/<fixed name>} and
 * load whatever file is already there, so on a shared host any local user who plants that file
 * first runs code as every later user. Neither has a setting for the directory other than
 * {@code java.io.tmpdir}, which they read each time they load. So while their classes initialize
 * (which is when they load), {@link #run} points {@code java.io.tmpdir} at a directory created for
 * this process with mode 0700 and an unpredictable name: the library is always freshly written
 * there by this process, then loaded. The directory is deleted afterwards (a loaded library stays
 * mapped). The JDK's own temp-file helpers read {@code java.io.tmpdir} once at start-up, so they
 * are not redirected meanwhile.
 */
public final class PrivateNativeDir {
    private PrivateNativeDir() {}

    /**
     * Runs {@code loading} (which initializes the classes that load native code) with
     * {@code java.io.tmpdir} pointing at a new private directory. Errors from {@code loading},
     * {@link UnsatisfiedLinkError} included, pass through unchanged.
     */
    public static synchronized <T> T run(Callable<T> loading) throws Exception {
        String original = System.getProperty("java.io.tmpdir");
        Path dir = create(Path.of(original));
        try {
            System.setProperty("java.io.tmpdir", dir.toString());
            return loading.call();
        } finally {
            System.setProperty("java.io.tmpdir", original);
            deleteTree(dir);
        }
    }

    private static Path create(Path parent) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempDirectory(parent, "convnet4j-natives-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return Files.createTempDirectory(parent, "convnet4j-natives-");
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // Left behind in a private directory; harmless.
                }
            });
        } catch (IOException e) {
            // Nothing to delete.
        }
    }
}
