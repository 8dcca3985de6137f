package io.github.convnet4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The loader benchmark reads what it wrote (as real JPEGs through the real loader) and leaves no files behind. */
class LoaderTimingTest {
    @Test
    void timesBothThreadCountsAndCleansUp() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = countBenchDirs(tmp);
        LoaderTiming t = LoaderTiming.measure(12, 1, 3);
        assertEquals(12, t.images());
        for (double v : t.medianPerSecond()) assertTrue(v > 0 && Double.isFinite(v), t.text());
        assertTrue(t.text().startsWith("image-folder loader, 12 JPEGs of 3x96x96: "), t.text());
        assertEquals(before, countBenchDirs(tmp), "the temporary folder is removed");
    }

    private static long countBenchDirs(Path tmp) throws Exception {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("convnet-loader-bench")).count();
        }
    }
}
