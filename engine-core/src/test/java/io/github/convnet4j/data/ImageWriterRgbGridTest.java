package io.github.convnet4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.convnet4j.tensor.Shape;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/**
 * Colour grids, pixel by pixel: every tile of a (N, 3, H, W) batch lands at its place in the grid,
 * each scaled pixel carries the three planes of its own source pixel, and the gaps stay black.
 */
class ImageWriterRgbGridTest {
    private static final int N = 3, H = 2, W = 3, SCALE = 2, COLUMNS = 2;

    /** Tile t, plane p, pixel (y, x) gets a distinct value: tile t spans [20 t, 20 t + 17]. */
    private static float value(int t, int p, int y, int x) { return t * 20 + p * 6 + y * W + x; }

    private static float[] batch() {
        float[] d = new float[N * 3 * H * W];
        for (int t = 0; t < N; t++) {
            for (int p = 0; p < 3; p++) {
                for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) d[((t * 3 + p) * H + y) * W + x] = value(t, p, y, x);
            }
        }
        return d;
    }

    private static int level(float v, float min, float max) { return Math.round((v - min) / (max - min) * 255f); }

    @Test void everyScaledPixelOfEveryTileCarriesItsOwnThreePlanes() {
        float[] d = batch();
        for (boolean perTile : new boolean[] {false, true}) {
            BufferedImage img = ImageWriter.renderGrid(d, Shape.of(N, 3, H, W), COLUMNS, SCALE, perTile);
            // 2 columns of 3*2 pixels and a 1-pixel gap; 2 rows of 2*2 pixels and a gap.
            assertEquals(2 * W * SCALE + 1, img.getWidth());
            assertEquals(2 * H * SCALE + 1, img.getHeight());
            boolean[][] covered = new boolean[img.getHeight()][img.getWidth()];
            for (int t = 0; t < N; t++) {
                float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
                int from = perTile ? t : 0, to = perTile ? t + 1 : N;
                for (int i = from * 3 * H * W; i < to * 3 * H * W; i++) { min = Math.min(min, d[i]); max = Math.max(max, d[i]); }
                int ox = (t % COLUMNS) * (W * SCALE + 1), oy = (t / COLUMNS) * (H * SCALE + 1);
                for (int y = 0; y < H; y++) {
                    for (int x = 0; x < W; x++) {
                        int want = level(value(t, 0, y, x), min, max) << 16 | level(value(t, 1, y, x), min, max) << 8
                                | level(value(t, 2, y, x), min, max);
                        for (int dy = 0; dy < SCALE; dy++) {
                            for (int dx = 0; dx < SCALE; dx++) {
                                int px = ox + x * SCALE + dx, py = oy + y * SCALE + dy;
                                assertEquals(want, img.getRGB(px, py) & 0xFFFFFF, "tile " + t + " pixel (" + y + ", " + x + ") at " + px + "," + py);
                                covered[py][px] = true;
                            }
                        }
                    }
                }
            }
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    if (!covered[y][x]) assertEquals(0, img.getRGB(x, y) & 0xFFFFFF, "gap or empty cell at " + x + "," + y);
                }
            }
        }
    }

    @Test void onlyGreyOrRgbBatchesOfFourDimensions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageWriter.renderGrid(new float[16], Shape.of(2, 2, 2, 2), 1, 1, false));
        assertEquals("grid shape must be (N, 1, H, W) or (N, 3, H, W), got (2, 2, 2, 2)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageWriter.renderGrid(new float[12], Shape.of(3, 2, 2), 1, 1, false));
        assertThrows(IllegalArgumentException.class, () -> ImageWriter.renderGrid(new float[11], Shape.of(1, 3, 2, 2), 1, 1, false));
        assertThrows(IllegalArgumentException.class, () -> ImageWriter.renderGrid(new float[12], Shape.of(1, 3, 2, 2), 0, 1, false));
        assertThrows(IllegalArgumentException.class, () -> ImageWriter.renderGrid(new float[12], Shape.of(1, 3, 2, 2), 1, 0, false));
        assertEquals(2, ImageWriter.renderGrid(new float[12], Shape.of(1, 3, 2, 2), 1, 1, false).getWidth(), "one tile: no gap");
    }
}
