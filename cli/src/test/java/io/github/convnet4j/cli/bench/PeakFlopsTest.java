package io.github.convnet4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The FMA peak loop: what it computes and how it reports; no timed assertions. */
class PeakFlopsTest {
    @Test void theLoopComputesWhatItClaims() {
        // c = c * 0.5 + 1 from c0 = seed + k: after n steps c = 2 + (seed + k - 2) / 2^n; summed over 16 accumulators and all lanes.
        int lanes = VectorFmaLoop.lanes();
        double expected = 0;
        for (int k = 0; k < VectorFmaLoop.ACCUMULATORS; k++) expected += lanes * (2 + (3.0 + k - 2) / 8);
        assertEquals(expected, VectorFmaLoop.run(3, 3f), 1e-3);
        assertEquals(VectorFmaLoop.bits(), lanes * Float.SIZE);
    }

    @Test void measuresOnTheGivenThreadsAndReportsItsSettings() {
        PeakFlops p = PeakFlops.measure(1);
        assertTrue(p.gflops() > 0 && p.wallGflops() > 0, p.toString());
        assertTrue(Double.isNaN(p.cpuShare()) ? p.gflops() == p.wallGflops() : p.gflops() >= p.wallGflops() * 0.999, "per CPU-second >= wall clock: " + p);
        assertEquals(1, p.threads());
        assertEquals(VectorFmaLoop.bits(), p.vectorBits());
        assertEquals(16, p.accumulators());
        assertTrue(Double.isFinite(PeakFlops.sink) && PeakFlops.sink > 0, "the loop's results are kept: " + PeakFlops.sink);
        assertTrue(p.text().startsWith(String.format(java.util.Locale.ROOT, "peak: %.1f GFLOP/s (FP32 FMA, Vector API %d-bit", p.gflops(), p.vectorBits())),
                p.text());
        assertThrows(IllegalArgumentException.class, () -> PeakFlops.measure(0));
    }

    @Test void aBusyMachineIsNamedAsSuch() {
        PeakFlops busy = new PeakFlops(420, 150, 0.35, 2, 512, 16);
        assertTrue(busy.text().startsWith("peak: 420.0 GFLOP/s (FP32 FMA, Vector API 512-bit, 16 accumulators per thread, 2 threads, per CPU-second;"),
                busy.text());
        assertTrue(busy.text().endsWith("wall clock: 150.0 GFLOP/s (210.0 a thread per CPU-second); the threads ran 35 % of the wall time - the machine is busy"),
                busy.text());
        PeakFlops quiet = new PeakFlops(465, 460, 0.99, 2, 512, 16);
        assertTrue(quiet.text().endsWith("the threads ran 99 % of the wall time"), quiet.text());
        PeakFlops noCpuTime = new PeakFlops(460, 460, Double.NaN, 2, 512, 16);
        assertEquals(1, noCpuTime.text().lines().count(), noCpuTime.text());
        assertTrue(noCpuTime.text().contains("2 threads, wall clock;"), noCpuTime.text());
    }
}
