package io.github.convnet4j.explain;

import io.github.convnet4j.io.AtomicFiles;
import io.github.convnet4j.tensor.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws heatmaps over their images: the image in grey (or its colours, dimmed), the heatmap in an
 * inferno-like colour scale blended in proportion to its value, so irrelevant pixels show the
 * image and relevant ones glow. Images are enlarged by an integer factor with square pixels.
 */
public final class Overlay {
    /** Colour stops of the scale from 0 to 1 (black, purple, red, orange, pale yellow). */
    private static final int[][] STOPS = {{0, 0, 4}, {87, 16, 110}, {188, 55, 84}, {249, 142, 9}, {252, 255, 164}};
    /** Largest output image, in pixels. */
    private static final long MAX_PIXELS = 64L * 1024 * 1024;

    private Overlay() {}

    /** The colour for a value in [0, 1] as 0xRRGGBB. */
    public static int color(float v) {
        double t = Math.max(0, Math.min(1, v)) * (STOPS.length - 1);
        int i = Math.min((int) t, STOPS.length - 2);
        double f = t - i;
        int rgb = 0;
        for (int ch = 0; ch < 3; ch++) rgb = rgb << 8 | (int) Math.round(STOPS[i][ch] * (1 - f) + STOPS[i + 1][ch] * f);
        return rgb;
    }

    /**
     * A row of tiles per image: the image, then the heatmap over it, {@code pairsPerRow} pairs to a row.
     *
     * @param images   each {@code (C, H, W)} with values in [0, 1] (C = 1 or 3)
     * @param heatmaps one per image, at the image's resolution
     */
    public static BufferedImage grid(List<float[]> images, Shape sample, List<Heatmap> heatmaps, int pairsPerRow, int scale) {
        if (images.size() != heatmaps.size() || images.isEmpty()) throw new IllegalArgumentException("need one heatmap per image");
        int c = sample.dim(0), h = sample.dim(1), w = sample.dim(2), gap = 2;
        int n = images.size(), cols = Math.min(pairsPerRow, n), rows = (n + cols - 1) / cols;
        int tileW = w * scale, tileH = h * scale;
        long outW = (long) cols * (2 * tileW + gap) + (long) (cols - 1) * gap * 2, outH = (long) rows * tileH + (long) (rows - 1) * gap;
        if (outW * outH > MAX_PIXELS) throw new IllegalArgumentException("overlay grid of " + outW + " x " + outH + " pixels is too large");
        BufferedImage img = new BufferedImage((int) outW, (int) outH, BufferedImage.TYPE_INT_RGB);
        for (int t = 0; t < n; t++) {
            int ox = (t % cols) * (2 * tileW + 3 * gap), oy = (t / cols) * (tileH + gap);
            float[] im = images.get(t);
            Heatmap hm = heatmaps.get(t);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int base = pixel(im, c, h * w, y * w + x);
                    int over = blend(base, color(hm.at(y, x)), 0.25 + 0.6 * hm.at(y, x));
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            img.setRGB(ox + x * scale + dx, oy + y * scale + dy, base);
                            img.setRGB(ox + tileW + gap + x * scale + dx, oy + y * scale + dy, over);
                        }
                    }
                }
            }
        }
        return img;
    }

    /** Writes a PNG atomically. */
    public static void writePng(Path file, BufferedImage image) throws IOException {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) throw new IOException(file.getFileName() + ": no PNG writer available");
        });
    }

    private static int pixel(float[] im, int channels, int plane, int i) {
        if (channels == 1) {
            int g = level(im[i]);
            return g << 16 | g << 8 | g;
        }
        return level(im[i]) << 16 | level(im[plane + i]) << 8 | level(im[2 * plane + i]);
    }

    private static int level(float v) { return Float.isFinite(v) ? Math.round(Math.max(0, Math.min(1, v)) * 255) : 0; }

    private static int blend(int a, int b, double alpha) {
        int out = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            double v = ((a >> shift) & 0xFF) * (1 - alpha) + ((b >> shift) & 0xFF) * alpha;
            out |= (int) Math.round(v) << shift;
        }
        return out;
    }
}
