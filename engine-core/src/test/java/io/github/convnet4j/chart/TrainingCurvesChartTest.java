package io.github.convnet4j.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.train.EpochResult;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code curves.png}. Mutants left alive on purpose (mutation testing) in {@link ChartFiles}: dropping
 * {@code setColor(WHITE)} (a BufferedImage's graphics start white), {@code dispose()}, and the "no PNG
 * writer" branch (the JDK always has one).
 */
class TrainingCurvesChartTest {
    static final List<EpochResult> HISTORY = List.of(
            new EpochResult(1, 0.9, 0.70, 0.8, 0.72, 1e-3, 10, 1000),
            new EpochResult(2, 0.6, 0.80, 0.7, 0.78, 1e-3, 10, 1000),
            new EpochResult(3, 0.4, 0.86, 0.65, 0.80, 1e-3, 10, 1000));

    @Test void writesATwoPanelPngAtomically(@TempDir Path dir) throws Exception {
        TrainingCurvesChart.write(dir.resolve(TrainingCurvesChart.FILE_NAME), HISTORY);
        BufferedImage png = ImageIO.read(dir.resolve(TrainingCurvesChart.FILE_NAME).toFile());
        assertEquals(1040, png.getWidth(), "two 520-pixel panels");
        assertEquals(380, png.getHeight());
        // Two series per panel in XChart's first two colours, plus axes and text: far from blank.
        assertTrue(colours(png) > 50, "distinct colours: " + colours(png));
        try (var files = Files.list(dir)) {
            assertEquals(Set.of("curves.png"), files.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()),
                    "no temporary file left behind");
        }
    }

    @Test void aRunWithoutHeldOutDataHasOnlyTheTrainingCurves() {
        List<EpochResult> noVal = List.of(new EpochResult(1, 0.9, 0.7, Double.NaN, Double.NaN, 1e-3, 1, 1));
        BufferedImage with = TrainingCurvesChart.render(HISTORY.subList(0, 1)), without = TrainingCurvesChart.render(noVal);
        assertTrue(colours(without) < colours(with), "one series fewer: " + colours(without) + " vs " + colours(with));
        assertThrows(IllegalArgumentException.class, () -> TrainingCurvesChart.render(List.of()));
    }

    static int colours(BufferedImage img) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) for (int x = 0; x < img.getWidth(); x++) seen.add(img.getRGB(x, y));
        return seen.size();
    }

    @Test void eachPanelHoldsTheTrainingAndHeldOutSeriesInTheSharedStyle() {
        XYChart loss = TrainingCurvesChart.panel("Loss", HISTORY, EpochResult::loss, EpochResult::valLoss);
        assertEquals(List.of("train", "val"), List.copyOf(loss.getSeriesMap().keySet()));
        assertArrayEquals(new double[] {1, 2, 3}, loss.getSeriesMap().get("train").getXData());
        assertArrayEquals(new double[] {0.9, 0.6, 0.4}, loss.getSeriesMap().get("train").getYData());
        assertArrayEquals(new double[] {0.8, 0.7, 0.65}, loss.getSeriesMap().get("val").getYData());
        // Loss falls: its legend sits top right; accuracy rises: bottom right.
        assertEquals(Styler.LegendPosition.InsideNE, loss.getStyler().getLegendPosition());
        XYChart accuracy = TrainingCurvesChart.panel("Accuracy", HISTORY, EpochResult::accuracy, EpochResult::valAccuracy);
        assertEquals(Styler.LegendPosition.InsideSE, accuracy.getStyler().getLegendPosition());
        assertArrayEquals(new double[] {0.72, 0.78, 0.80}, accuracy.getSeriesMap().get("val").getYData());
        // One x label per epoch and one more for the axis start, at most 12.
        assertEquals(4, loss.getStyler().getXAxisMaxLabelCount());
        List<EpochResult> long20 = new java.util.ArrayList<>();
        for (int e = 1; e <= 20; e++) long20.add(new EpochResult(e, 1.0 / e, 0.5, 1.0 / e, 0.5, 1e-3, 1, 1));
        assertEquals(12, TrainingCurvesChart.panel("Loss", long20, EpochResult::loss, EpochResult::valLoss).getStyler().getXAxisMaxLabelCount());
        // ChartFiles.style: white background, no plot border.
        assertEquals(Color.WHITE, loss.getStyler().getChartBackgroundColor());
        assertFalse(loss.getStyler().isPlotBorderVisible());
        assertEquals(14, accuracy.getStyler().getChartTitleFont().getSize());
    }
}
