package io.github.convnet4j.cpu;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The build runs this module's tests once per vector width the machine has (engine-cpu-fallback's
 * pom: the default execution at the widest, then {@code -Dconvnet.cpu.vectorBits=256} and
 * {@code =0}). This test makes each execution prove it really runs at the width it asked for, and
 * that every width-dependent kernel was chosen for that width, so a width-specific test cannot pass
 * at a width nobody ran.
 */
class VectorWidthTest {
    @Test
    void everyKernelRunsAtTheWidthThisExecutionAskedFor() {
        int widest = FloatVector.SPECIES_PREFERRED.vectorBitSize();
        String asked = System.getProperty("convnet.cpu.vectorBits");
        int requested = asked == null || asked.isBlank() ? MicroKernels.DEFAULT_BITS : Integer.parseInt(asked.trim());
        int possible = Math.min(requested, widest);
        int expected = possible >= 512 ? 512 : possible >= 256 ? 256 : 0;
        System.out.println("VectorWidthTest: CPU's widest species " + widest + "-bit, asked " + requested + ", running at " + expected);

        assertEquals(expected, MicroKernels.vectorBits(), "the JVM's vector width");
        assertEquals(expected == 0 ? "ScalarKernel" : "VectorKernel" + expected, MicroKernels.best().getClass().getSimpleName());
        String rows = expected == 512 ? "VectorRows512" : expected == 256 ? "VectorRows256x6" : null;
        assertEquals(rows, ConvRows.kernel() == null ? null : ConvRows.kernel().getClass().getSimpleName(), "the row kernel");
        String gather = expected == 512 ? "VectorGather512x64" : expected == 256 ? "VectorGather256x16" : "ScalarGather";
        assertEquals(gather, MicroKernels.gather(1000).getClass().getSimpleName(), "the gather kernel");
        assertEquals(expected == 0 ? "ReluKernel" : "VectorRelu", MicroKernels.relu().getClass().getSimpleName());
        assertEquals(expected == 0 ? "Pool2x2" : "VectorPool2x2", MicroKernels.pool2x2().getClass().getSimpleName());
    }
}
