package io.github.convnet4j.data;

import io.github.convnet4j.io.AtomicFiles;
import io.github.convnet4j.tensor.Shape;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Saves float arrays as PNG for looking at them: filters, feature maps, saliency maps, inputs.
 * Values are min-max normalised to [0, 255] (a constant image becomes black; NaN and infinities
 * become black and are left out of the min and max), each pixel can be enlarged to a
 * {@code scale × scale} block, and many maps can be tiled into one grid. Files are written atomically.
 */
public final class ImageWriter {
    /** Largest output image, in pixels. */
    public static final long MAX_PIXELS = 64L * 1024 * 1024;
    /** Longest side {@link #fittingScale} and {@link #tilesAlong} plan for: large enough to see, small enough to open. */
    public static final int MAX_SIDE = 4096;

    private ImageWriter() {}

    /**
     * Writes one image of shape {@code (H, W)}, {@code (1, H, W)} (grey) or {@code (3, H, W)} (RGB).
     *
     * @param scale each pixel becomes a scale × scale block (1 = as is)
     */
    public static void write(Path file, float[] data, Shape shape, int scale) throws IOException {
        int c = shape.rank() == 2 ? 1 : shape.dim(0);
        if (shape.rank() < 2 || shape.rank() > 3 || (c != 1 && c != 3)) {
            throw new IllegalArgumentException("image shape must be (H, W), (1, H, W) or (3, H, W), got " + shape);
        }
        writeGrid(file, data, Shape.of(1, c, shape.dim(-2), shape.dim(-1)), 1, scale, false);
    }

    /**
     * Tiles {@code N} images {@code (N, C, H, W)} (C = 1 or 3) into a grid of {@code columns} columns
     * separated by 1-pixel gaps (at output scale), row by row.
     *
     * @param perTile normalise each tile on its own (filters) instead of all together (feature maps of one input)
     */
    public static void writeGrid(Path file, float[] data, Shape nchw, int columns, int scale, boolean perTile) throws IOException {
        byte[] png = png(renderGrid(data, nchw, columns, scale, perTile));
        AtomicFiles.write(file, out -> out.write(png));
    }

    /** An image encoded as PNG, in memory, so a caller can prepare all its files before writing any. */
    public static byte[] png(BufferedImage image) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", bytes)) throw new IOException("no PNG writer available");
        return bytes.toByteArray();
    }

    /**
     * The largest scale, at most {@code scale}, at which {@code rows x columns} tiles of
     * {@code h x w} pixels with 1-pixel gaps fit in {@link #MAX_SIDE} on each side; 0 when even
     * scale 1 does not.
     */
    public static int fittingScale(int rows, int columns, int h, int w, int scale) {
        for (int s = scale; s >= 1; s--) {
            if (side(columns, w, s) <= MAX_SIDE && side(rows, h, s) <= MAX_SIDE) return s;
        }
        return 0;
    }

    /** How many tiles of {@code size} pixels at {@code scale}, with 1-pixel gaps, fit along {@link #MAX_SIDE}. */
    public static int tilesAlong(int size, int scale) {
        return (int) Math.min(Integer.MAX_VALUE, (MAX_SIDE + 1L) / ((long) size * scale + 1));
    }

    private static long side(int tiles, int size, int scale) { return (long) tiles * size * scale + (tiles - 1); }

    /**
     * Renders {@code N} images {@code (N, C, H, W)} (C = 1 or 3) as a grid, as {@link #writeGrid} writes it.
     *
     * @throws IllegalArgumentException when the image would exceed {@link #MAX_PIXELS}
     */
    public static BufferedImage renderGrid(float[] data, Shape nchw, int columns, int scale, boolean perTile) {
        if (nchw.rank() != 4 || (nchw.dim(1) != 1 && nchw.dim(1) != 3)) {
            throw new IllegalArgumentException("grid shape must be (N, 1, H, W) or (N, 3, H, W), got " + nchw);
        }
        if (data.length < nchw.size()) throw new IllegalArgumentException("shape " + nchw + " needs " + nchw.size() + " values, got " + data.length);
        if (columns <= 0 || scale <= 0) throw new IllegalArgumentException("columns and scale must be positive");
        int n = nchw.dim(0), c = nchw.dim(1), h = nchw.dim(2), w = nchw.dim(3);
        int cols = Math.min(columns, n), rows = (n + cols - 1) / cols;
        int gap = n > 1 ? 1 : 0;
        long outW = (long) cols * w * scale + (long) (cols - 1) * gap;
        long outH = (long) rows * h * scale + (long) (rows - 1) * gap;
        if (outW * outH > MAX_PIXELS) throw new IllegalArgumentException("grid image of " + outW + " x " + outH + " pixels is too large");
        BufferedImage img = new BufferedImage((int) outW, (int) outH, c == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        WritableRaster raster = img.getRaster();
        int tile = c * h * w;
        float[] range = perTile ? null : minMax(data, 0, n * tile);
        for (int t = 0; t < n; t++) {
            float[] r = perTile ? minMax(data, t * tile, tile) : range;
            int ox = (t % cols) * (w * scale + gap), oy = (t / cols) * (h * scale + gap);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    // Grey goes straight into the raster: setRGB would apply an sRGB-to-linear conversion.
                    int g = c == 1 ? level(data[t * tile + y * w + x], r) : 0;
                    int rgb = c == 1 ? 0 : level(data[t * tile + y * w + x], r) << 16
                            | level(data[t * tile + h * w + y * w + x], r) << 8
                            | level(data[t * tile + 2 * h * w + y * w + x], r);
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            if (c == 1) raster.setSample(ox + x * scale + dx, oy + y * scale + dy, 0, g);
                            else img.setRGB(ox + x * scale + dx, oy + y * scale + dy, rgb);
                        }
                    }
                }
            }
        }
        return img;
    }

    private static float[] minMax(float[] a, int off, int len) {
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        for (int i = off; i < off + len; i++) {
            float v = a[i];
            if (Float.isFinite(v)) { min = Math.min(min, v); max = Math.max(max, v); }
        }
        return new float[]{min, max};
    }

    private static int level(float v, float[] range) {
        float min = range[0], max = range[1];
        if (!Float.isFinite(v) || !(max > min)) return 0;
        return Math.round((v - min) / (max - min) * 255f);
    }
}
