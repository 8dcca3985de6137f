package io.github.convnet4j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.backend.Probe;
import io.github.convnet4j.natives.PlantedLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import jcuda.LibUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 12: a file planted at the fixed path JCuda used to extract its driver bindings to
 * ({@code ${java.io.tmpdir}/libJCudaDriver-12.6.0-linux-x86_64.so}) is never loaded. Runs without a
 * GPU: the bindings load from the private directory and then report the missing driver.
 */
class PlantedNativeLibraryTest {
    @TempDir Path dir;

    /** The child JVM: probes CUDA and prints {@code available} and the reason. */
    public static void main(String[] args) {
        Probe p = new CudaBackendProvider().probe();
        System.out.println("available=" + p.available() + " reason=" + p.reason());
    }

    @Test
    void aLibraryPlantedAtTheOldFixedPathIsNotLoaded() throws Exception {
        String fileName = LibUtils.createLibraryFileName(LibUtils.createPlatformLibraryName("JCudaDriver-" + jcuda.JCudaVersion.get()));
        Path tmp = Files.createDirectories(dir.resolve("shared-tmp"));
        PlantedLibrary.Outcome o = PlantedLibrary.run(tmp, fileName, PlantedNativeLibraryTest.class);
        assertEquals(0, o.exitCode(), o.childOutput());
        assertFalse(o.plantedCodeRan(), "the planted library's constructor ran: " + o.childOutput());
        assertFalse(o.childOutput().contains("ELF"), "the planted file was not handed to the loader: " + o.childOutput());
        assertTrue(o.plantedFileUnchanged(), "the planted file was neither used nor overwritten");
        assertTrue(o.leftovers().isEmpty(), "the private extraction directory is removed: " + o.leftovers());
    }
}
