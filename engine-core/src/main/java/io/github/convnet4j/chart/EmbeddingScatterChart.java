package io.github.convnet4j.chart;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** A 2-D map of points (t-SNE), one colour per class, with a legend of class names. */
public final class EmbeddingScatterChart {
    /** Ten well-separated colours (Tableau 10), repeated beyond ten classes. */
    private static final int[] PALETTE = {0x4E79A7, 0xF28E2B, 0xE15759, 0x76B7B2, 0x59A14F, 0xEDC948, 0xB07AA1, 0xFF9DA7, 0x9C755F, 0xBAB0AC};

    private EmbeddingScatterChart() {}

    /**
     * @param map    {@code (n, 2)} row-major coordinates
     * @param labels class of each point, 0..K-1
     * @param names  class names (a class without one is shown by number)
     */
    public static BufferedImage render(String title, double[] map, int[] labels, List<String> names) {
        int n = labels.length, k = 0;
        for (int l : labels) k = Math.max(k, l + 1);
        XYChart c = new XYChartBuilder().width(820).height(640).title(title).build();
        ChartFiles.style(c.getStyler());
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setMarkerSize(5);
        c.getStyler().setXAxisTicksVisible(false);
        c.getStyler().setYAxisTicksVisible(false);
        for (int cls = 0; cls < k; cls++) {
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (labels[i] == cls) {
                    xs.add(map[2 * i]);
                    ys.add(map[2 * i + 1]);
                }
            }
            if (xs.isEmpty()) continue;
            String name = cls < names.size() ? names.get(cls) : "class " + cls;
            XYSeries s = c.addSeries(name, xs, ys);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(new Color(PALETTE[cls % PALETTE.length]));
        }
        return ChartFiles.render(c);
    }

    /** Writes {@link #render} to {@code file} atomically. */
    public static void write(Path file, String title, double[] map, int[] labels, List<String> names) throws IOException {
        ChartFiles.writePng(file, render(title, map, labels, names));
    }
}
