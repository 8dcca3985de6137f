package io.github.convnet4j.chart;

import io.github.convnet4j.io.AtomicFiles;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/** What every chart here shares: one style, rendering to an image, side-by-side panels, atomic PNG writes. */
public final class ChartFiles {
    private ChartFiles() {}

    /** A plain style: white background, no border, legend inside, readable fonts. */
    static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setAntiAlias(true);
    }

    /** The chart drawn into an image of its size. */
    static BufferedImage render(Chart<?, ?> chart) { return BitmapEncoder.getBufferedImage(chart); }

    /** Images placed left to right on a white background. */
    static BufferedImage sideBySide(BufferedImage... panels) {
        int w = 0, h = 0;
        for (BufferedImage p : panels) {
            w += p.getWidth();
            h = Math.max(h, p.getHeight());
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            int x = 0;
            for (BufferedImage p : panels) {
                g.drawImage(p, x, 0, null);
                x += p.getWidth();
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Writes a PNG through a temporary file and a rename. */
    public static void writePng(Path file, BufferedImage image) throws IOException {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) throw new IOException(file.getFileName() + ": no PNG writer available");
        });
    }
}
