package io.github.convnet4j.opencl;

import io.github.convnet4j.backend.BackendException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** OpenCL C sources from the kernels module, read from the class path (never the file system). */
final class KernelSources {
    private static final String ROOT = "kernels/opencl/";
    private static final Map<String, String> TEXT = new ConcurrentHashMap<>();

    private KernelSources() {}

    /**
     * The source of one op family, e.g. {@code gemm} for {@code kernels/opencl/gemm.cl}.
     *
     * @throws BackendException when the resource is missing from the class path
     */
    static String family(String family) {
        return TEXT.computeIfAbsent(family, KernelSources::read);
    }

    private static String read(String family) {
        String path = ROOT + family + ".cl";
        ClassLoader loader = KernelSources.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) throw new BackendException("opencl: kernel source " + path + " is not on the class path (is the kernels jar missing?)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BackendException("opencl: cannot read kernel source " + path + ": " + e.getMessage(), e);
        }
    }
}
