package io.github.convnet4j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where NVRTC is missing but the CUDA compiler is installed (the development machines have nvcc
 * without a driver), every kernel family is compiled to PTX with warnings as errors, so a kernel
 * that would not build at run time fails here rather than on the first GPU. Skipped without nvcc.
 */
class KernelNvccCheckTest {
    @Test void everyFamilyCompilesWithNvccWithoutWarnings(@TempDir Path dir) throws IOException, InterruptedException {
        Path nvcc = nvcc();
        assumeTrue(nvcc != null, "nvcc not found (set CUDACXX or put it on PATH)");
        Files.writeString(dir.resolve(KernelCompiler.HEADER), KernelCompiler.readResource(KernelCompiler.RESOURCE_DIR + KernelCompiler.HEADER));
        for (String family : CudaBackend.KERNEL_FAMILIES) {
            Path src = dir.resolve(family + ".cu");
            Files.writeString(src, KernelCompiler.readResource(KernelCompiler.RESOURCE_DIR + family + ".cu"));
            Path ptx = dir.resolve(family + ".ptx");
            Process p = new ProcessBuilder(List.of(nvcc.toString(), "--ptx", "-arch=compute_75", "-Werror", "all-warnings",
                    "-I" + dir, "-o", ptx.toString(), src.toString())).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "nvcc did not finish for " + family);
            assertEquals(0, p.exitValue(), family + ".cu:\n" + out);
            String text = Files.readString(ptx);
            int entries = text.split("\\.entry ", -1).length - 1;
            assertEquals(KernelSignatures.parse(Files.readString(src), family + ".cu").size(), entries,
                    family + ": every extern \"C\" __global__ kernel must appear as a PTX entry");
        }
    }

    private static Path nvcc() {
        String env = System.getenv("CUDACXX");
        if (env != null && Files.isExecutable(Path.of(env))) return Path.of(env);
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(java.io.File.pathSeparator)) {
                Path p = Path.of(d, "nvcc");
                if (Files.isExecutable(p)) return p;
            }
        }
        Path usual = Path.of("/usr/local/cuda/bin/nvcc");
        return Files.isExecutable(usual) ? usual : null;
    }
}
