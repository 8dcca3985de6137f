package io.github.convnet4j.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.convnet4j.backend.Probe;
import io.github.convnet4j.natives.PlantedLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jocl.LibUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 12: a file planted at the fixed path JOCL used to extract its JNI library to
 * ({@code ${java.io.tmpdir}/libJOCL_2_0_5-linux-x86_64.so}) is never loaded, and OpenCL still works.
 */
class PlantedNativeLibraryTest {
    @TempDir Path dir;

    /** The child JVM: probes OpenCL and prints {@code available} and the reason. */
    public static void main(String[] args) {
        Probe p = new OpenClBackendProvider().probe();
        System.out.println("available=" + p.available() + " reason=" + p.reason());
    }

    @Test
    void aLibraryPlantedAtTheOldFixedPathIsNotLoaded() throws Exception {
        Probe here = new OpenClBackendProvider().probe();
        assumeTrue(here.available(), "OpenCL is not available here: " + here.reason());
        String fileName = LibUtils.createLibraryFileName(LibUtils.createPlatformLibraryName("JOCL_2_0_5"));
        Path tmp = Files.createDirectories(dir.resolve("shared-tmp"));
        PlantedLibrary.Outcome o = PlantedLibrary.run(tmp, fileName, PlantedNativeLibraryTest.class);
        assertEquals(0, o.exitCode(), o.childOutput());
        assertFalse(o.plantedCodeRan(), "the planted library's constructor ran: " + o.childOutput());
        assertTrue(o.childOutput().contains("available=true"), "OpenCL works from the private directory: " + o.childOutput());
        assertTrue(o.plantedFileUnchanged(), "the planted file was neither used nor overwritten");
        assertTrue(o.leftovers().isEmpty(), "the private extraction directory is removed: " + o.leftovers());
    }
}
