package io.github.convnet4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    private static String line(String net, String side, double rate, double rss) {
        return String.format(java.util.Locale.ROOT, "RESULT net=%s imgs_per_s=%.1f peak_rss_mb=%.1f side=%s device=cpu threads=2 batch=64 steps=30",
                net, rate, rss, side);
    }

    @Test void ratioIsTheQuotientOfTheMedians() {
        List<String> text = List.of(
                "some log line", line("keras-mnist", "ours", 900, 700), line("keras-mnist", "pytorch", 1000, 300),
                line("keras-mnist", "ours", 1100, 710), line("keras-mnist", "pytorch", 4000, 310),
                line("keras-mnist", "ours", 1000, 720), line("keras-mnist", "pytorch", 2000, 320));
        Comparison c = Comparison.parse(text);
        Comparison.NetResult n = c.nets().get(0);
        assertEquals(1000.0, n.oursMedian());
        assertEquals(2000.0, n.peerMedian("pytorch"));
        assertEquals(0.5, n.ratio("pytorch"));
        assertEquals("keras-mnist ours/pytorch = 0.50", n.ratioLine("pytorch"));
        String report = c.report();
        String[] lines = report.split("\\R");
        assertEquals("keras-mnist ours/pytorch = 0.50", lines[lines.length - 1]);
        assertTrue(report.contains("710.0 MB"), report);
        assertTrue(report.contains("310.0 MB"), report);
    }

    @Test void ratioRoundsToTwoDecimals() {
        Comparison c = Comparison.parse(List.of(line("keras-mnist", "ours", 200, 1), line("keras-mnist", "pytorch", 300, 1)));
        assertEquals("keras-mnist ours/pytorch = 0.67", c.nets().get(0).ratioLine("pytorch"));
    }

    @Test void evenRunCountsUseTheMeanOfTheMiddleTwo() {
        Comparison c = Comparison.parse(List.of(
                line("vgg-small", "ours", 10, 1), line("vgg-small", "ours", 30, 1),
                line("vgg-small", "pytorch", 20, 1), line("vgg-small", "pytorch", 60, 1)));
        assertEquals(20.0, c.nets().get(0).oursMedian());
        assertEquals(40.0, c.nets().get(0).peerMedian("pytorch"));
    }

    @Test void theHeadlineNetsRatioIsTheLastLine() {
        List<String> text = new ArrayList<>();
        text.add(line("keras-mnist", "ours", 100, 1));
        text.add(line("keras-mnist", "pytorch", 50, 1));
        text.add(line("vgg-small", "ours", 10, 1));
        text.add(line("vgg-small", "pytorch", 40, 1));
        String[] lines = Comparison.parse(text).report().split("\\R");
        assertEquals("vgg-small ours/pytorch = 0.25", lines[lines.length - 2]);
        assertEquals("keras-mnist ours/pytorch = 2.00", lines[lines.length - 1]);
    }

    @Test void aMissingSideIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Comparison.parse(List.of(line("keras-mnist", "ours", 100, 1))));
        assertTrue(e.getMessage().contains("no results from a peer"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Comparison.parse(List.of("no results here")));
        assertThrows(IllegalArgumentException.class, () -> Comparison.parse(List.of(
                line("keras-mnist", "ours", 100, 1), line("keras-mnist", "tensorflow", 100, 1))));
    }

    @Test void differentSettingsOnTheTwoSidesAreRefused() {
        String peer = line("keras-mnist", "pytorch", 100, 1).replace("batch=64", "batch=32");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Comparison.parse(List.of(line("keras-mnist", "ours", 100, 1), peer)));
        assertTrue(e.getMessage().contains("batch"), e.getMessage());
    }

    @Test void missingRssIsReportedAsNotAvailable() {
        String ours = line("keras-mnist", "ours", 100, 1).replace("peak_rss_mb=1.0", "peak_rss_mb=n/a");
        String report = Comparison.parse(List.of(ours, line("keras-mnist", "pytorch", 100, 5))).report();
        assertTrue(report.contains("n/a"), report);
        assertTrue(report.endsWith("keras-mnist ours/pytorch = 1.00"), report);
    }

    @Test void threeSidesGiveBothRatiosPerNetTheHeadlineNetLast() {
        List<String> text = new ArrayList<>();
        for (double[] r : new double[][] {{100, 50, 80}, {300, 70, 60}, {200, 60, 100}}) {
            text.add(line("keras-mnist", "ours", r[0], 700));
            text.add(line("keras-mnist", "pytorch", r[1], 300));
            text.add(line("keras-mnist", "keras", r[2], 600));
        }
        text.add(line("vgg-small", "ours", 30, 900));
        text.add(line("vgg-small", "keras", 40, 800));
        text.add(line("vgg-small", "pytorch", 10, 400));
        Comparison c = Comparison.parse(text);
        assertEquals(List.of("pytorch", "keras"), c.peers());
        Comparison.NetResult mnist = c.nets().get(1);
        assertEquals("keras-mnist", mnist.net());
        assertEquals(200.0, mnist.oursMedian());
        assertEquals(60.0, mnist.peerMedian("pytorch"));
        assertEquals(80.0, mnist.peerMedian("keras"));
        String[] lines = c.report().split("\\R");
        assertEquals("vgg-small ours/pytorch = 3.00", lines[lines.length - 4]);
        assertEquals("vgg-small ours/keras = 0.75", lines[lines.length - 3]);
        assertEquals("keras-mnist ours/pytorch = 3.33", lines[lines.length - 2]);
        assertEquals("keras-mnist ours/keras = 2.50", lines[lines.length - 1]);
        String report = c.report();
        assertTrue(report.contains("keras img/s"), report);
        assertTrue(report.contains("600.0 MB"), report);
    }

    @Test void aPeerMissingForOneNetIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Comparison.parse(List.of(
                line("keras-mnist", "ours", 100, 1), line("keras-mnist", "pytorch", 100, 1), line("keras-mnist", "keras", 100, 1),
                line("vgg-small", "ours", 100, 1), line("vgg-small", "pytorch", 100, 1))));
        assertTrue(e.getMessage().contains("Keras peer for vgg-small"), e.getMessage());
    }

    @Test void ourEngineAgainstKerasAloneHasOneRatioLine() {
        String report = Comparison.parse(List.of(line("keras-mnist", "ours", 150, 1), line("keras-mnist", "keras", 100, 1))).report();
        assertTrue(report.endsWith("keras-mnist ours/keras = 1.50"), report);
        assertFalse(report.contains("ours/pytorch"), report);
    }

    @Test void aKerasRunWithOtherSettingsIsRefused() {
        String keras = line("keras-mnist", "keras", 100, 1).replace("threads=2", "threads=1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Comparison.parse(List.of(
                line("keras-mnist", "ours", 100, 1), line("keras-mnist", "pytorch", 100, 1), keras)));
        assertTrue(e.getMessage().contains("threads") && e.getMessage().contains("keras 1"), e.getMessage());
    }
}
