package io.github.convnet4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.convnet4j.tensor.Shape;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grids pixel by pixel, grey and colour: every tile of an (N, C, H, W) batch lands at its place in
 * the grid, each scaled pixel carries its own source pixel (all three planes in colour), and the
 * gaps stay black. Plus the refusals of {@link ImageWriter}'s shape and size checks.
 */
class ImageWriterGridTest {
    private static final int N = 3, H = 2, W = 3, SCALE = 2, COLUMNS = 2;

    @TempDir Path dir;

    /** Tile t, plane p, pixel (y, x) gets a distinct value: tile t spans [20 t, 20 t + 17]. */
    private static float value(int t, int p, int y, int x) { return t * 20 + p * 6 + y * W + x; }

    private static float[] batch(int c) {
        float[] d = new float[N * c * H * W];
        for (int t = 0; t < N; t++) {
            for (int p = 0; p < c; p++) {
                for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) d[((t * c + p) * H + y) * W + x] = value(t, p, y, x);
            }
        }
        return d;
    }

    private static int level(float v, float min, float max) { return Math.round((v - min) / (max - min) * 255f); }

    /** The pixel as written: the grey sample, or the RGB triple. */
    private static int pixel(BufferedImage img, int c, int x, int y) {
        return c == 1 ? img.getRaster().getSample(x, y, 0) : img.getRGB(x, y) & 0xFFFFFF;
    }

    @Test void everyScaledPixelOfEveryTileCarriesItsOwnValues() {
        for (int c : new int[] {1, 3}) {
            float[] d = batch(c);
            for (boolean perTile : new boolean[] {false, true}) {
                BufferedImage img = ImageWriter.renderGrid(d, Shape.of(N, c, H, W), COLUMNS, SCALE, perTile);
                // 2 columns of 3*2 pixels and a 1-pixel gap; 2 rows of 2*2 pixels and a gap.
                assertEquals(2 * W * SCALE + 1, img.getWidth());
                assertEquals(2 * H * SCALE + 1, img.getHeight());
                boolean[][] covered = new boolean[img.getHeight()][img.getWidth()];
                for (int t = 0; t < N; t++) {
                    float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
                    int from = perTile ? t : 0, to = perTile ? t + 1 : N;
                    for (int i = from * c * H * W; i < to * c * H * W; i++) { min = Math.min(min, d[i]); max = Math.max(max, d[i]); }
                    int ox = (t % COLUMNS) * (W * SCALE + 1), oy = (t / COLUMNS) * (H * SCALE + 1);
                    for (int y = 0; y < H; y++) {
                        for (int x = 0; x < W; x++) {
                            int want = level(value(t, 0, y, x), min, max);
                            if (c == 3) want = want << 16 | level(value(t, 1, y, x), min, max) << 8 | level(value(t, 2, y, x), min, max);
                            for (int dy = 0; dy < SCALE; dy++) {
                                for (int dx = 0; dx < SCALE; dx++) {
                                    int px = ox + x * SCALE + dx, py = oy + y * SCALE + dy;
                                    assertEquals(want, pixel(img, c, px, py), c + " channels, tile " + t + " pixel (" + y + ", " + x + ") at " + px + "," + py);
                                    covered[py][px] = true;
                                }
                            }
                        }
                    }
                }
                for (int y = 0; y < img.getHeight(); y++) {
                    for (int x = 0; x < img.getWidth(); x++) {
                        if (!covered[y][x]) assertEquals(0, pixel(img, c, x, y), "gap or empty cell at " + x + "," + y);
                    }
                }
            }
        }
    }

    @Test void onlyGreyOrRgbBatchesOfFourDimensions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageWriter.renderGrid(new float[16], Shape.of(2, 2, 2, 2), 1, 1, false));
        assertEquals("grid shape must be (N, 1, H, W) or (N, 3, H, W), got (2, 2, 2, 2)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageWriter.renderGrid(new float[12], Shape.of(3, 2, 2), 1, 1, false));
        e = assertThrows(IllegalArgumentException.class, () -> ImageWriter.renderGrid(new float[11], Shape.of(1, 3, 2, 2), 1, 1, false));
        assertEquals("shape (1, 3, 2, 2) needs 12 values, got 11", e.getMessage());
        for (int[] bad : new int[][] {{0, 1}, {1, 0}, {-1, 1}, {1, -1}}) {
            e = assertThrows(IllegalArgumentException.class, () -> ImageWriter.renderGrid(new float[12], Shape.of(1, 3, 2, 2), bad[0], bad[1], false));
            assertEquals("columns and scale must be positive", e.getMessage());
        }
        assertEquals(2, ImageWriter.renderGrid(new float[12], Shape.of(1, 3, 2, 2), 1, 1, false).getWidth(), "one tile: no gap");
        e = assertThrows(IllegalArgumentException.class, () -> ImageWriter.renderGrid(new float[1], Shape.of(1, 1, 1, 1), 1, 8193, false));
        assertEquals("grid image of 8193 x 8193 pixels is too large", e.getMessage());
    }

    @Test void singleImagesAreGreyOrRgb() throws Exception {
        Path f = dir.resolve("one.png");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageWriter.write(f, new float[8], Shape.of(2, 2, 2), 1));
        assertEquals("image shape must be (H, W), (1, H, W) or (3, H, W), got (2, 2, 2)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageWriter.write(f, new float[4], Shape.of(4), 1));
        assertThrows(IllegalArgumentException.class, () -> ImageWriter.write(f, new float[4], Shape.of(1, 1, 2, 2), 1));
        ImageWriter.write(f, new float[] {0, 1, 2, 3}, Shape.of(1, 2, 2), 1);
        assertEquals(2, javax.imageio.ImageIO.read(f.toFile()).getWidth());
        ImageWriter.write(f, new float[12], Shape.of(3, 2, 2), 3);
        assertEquals(6, javax.imageio.ImageIO.read(f.toFile()).getWidth());
    }
}
