package io.github.convnet4j.chart;

import io.github.convnet4j.train.EpochResult;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

/**
 * {@code curves.png}: loss and accuracy per epoch, training against {@code val_*} (the test
 * set, or the validation split when the run has one), as two panels side by side.
 */
public final class TrainingCurvesChart {
    /** The file name in a run directory. */
    public static final String FILE_NAME = "curves.png";
    private static final int PANEL_WIDTH = 520, PANEL_HEIGHT = 380;

    private TrainingCurvesChart() {}

    /** Draws the chart of a run's history so far. @throws IllegalArgumentException when the history is empty */
    public static BufferedImage render(List<EpochResult> history) {
        if (history.isEmpty()) throw new IllegalArgumentException("no epochs to chart");
        BufferedImage loss = ChartFiles.render(panel("Loss", history, EpochResult::loss, EpochResult::valLoss));
        BufferedImage accuracy = ChartFiles.render(panel("Accuracy", history, EpochResult::accuracy, EpochResult::valAccuracy));
        return ChartFiles.sideBySide(loss, accuracy);
    }

    /** Writes {@link #render} to {@code file} atomically. */
    public static void write(Path file, List<EpochResult> history) throws IOException {
        ChartFiles.writePng(file, render(history));
    }

    /** One panel: the training and held-out series of {@code history} (non-finite values left out), styled. */
    static XYChart panel(String title, List<EpochResult> history, ToDoubleFunction<EpochResult> train, ToDoubleFunction<EpochResult> heldOut) {
        XYChart c = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(title).xAxisTitle("epoch").yAxisTitle(title.toLowerCase()).build();
        ChartFiles.style(c.getStyler());
        c.getStyler().setLegendPosition(title.equals("Loss") ? Styler.LegendPosition.InsideNE : Styler.LegendPosition.InsideSE);
        c.getStyler().setXAxisDecimalPattern("0");
        c.getStyler().setXAxisMaxLabelCount(Math.min(history.size() + 1, 12));
        add(c, "train", history, train);
        add(c, "val", history, heldOut);
        return c;
    }

    private static void add(XYChart c, String name, List<EpochResult> history, ToDoubleFunction<EpochResult> value) {
        List<Double> x = new ArrayList<>(), y = new ArrayList<>();
        for (EpochResult r : history) {
            double v = value.applyAsDouble(r);
            if (Double.isFinite(v)) {
                x.add((double) r.epoch());
                y.add(v);
            }
        }
        if (!x.isEmpty()) c.addSeries(name, x, y).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    }
}
