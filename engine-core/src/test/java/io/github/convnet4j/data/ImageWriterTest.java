package io.github.convnet4j.data;

import io.github.convnet4j.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * PNG output, grid layout and the size planners. Mutants left alive on purpose (mutation testing):
 * the "no PNG writer" branch (the JDK always has one), the gap of a single tile ({@code n > 1} as
 * {@code n >= 1}: one tile has no neighbour to space), always computing the shared range (unused when
 * per tile), {@code max > min} in {@code level} (a constant image gives 0/0 = NaN, which rounds to
 * black as well), and {@code MAX_PIXELS} as an exclusive bound (pinning it renders 64 Mi pixels, ~2 s).
 */
class ImageWriterTest {
    @TempDir Path dir;

    private static int grey(BufferedImage img, int x, int y) { return img.getRaster().getSample(x, y, 0); }

    @Test
    void minMaxNormalisedGreyRoundTripsThroughTheLoader() throws IOException {
        Path f = dir.resolve("map.png");
        float[] data = {-1, 0, 1, 3}; // min -1, max 3 -> 0, 63.75, 127.5, 255 -> rounded 0, 64, 128, 255
        ImageWriter.write(f, data, Shape.of(2, 2), 1);
        BufferedImage img = ImageIO.read(f.toFile());
        assertEquals(2, img.getWidth());
        assertEquals(0, grey(img, 0, 0));
        assertEquals(64, grey(img, 1, 0));
        assertEquals(128, grey(img, 0, 1));
        assertEquals(255, grey(img, 1, 1));
        float[] back = ImageLoader.load(f, Shape.of(1, 2, 2), false);
        assertArrayEquals(new float[]{0, 64 / 255f, 128 / 255f, 1}, back, 1e-6f);
    }

    @Test
    void scaleAndGridLayout() throws IOException {
        // Three 1x2 tiles, 2 columns, scale 2, 1-pixel gaps: width 2*(2*2)+1 = 9, height 2*(1*2)+1 = 5.
        float[] data = {0, 1, 0, 2, 5, 5};
        Path f = dir.resolve("grid.png");
        ImageWriter.writeGrid(f, data, Shape.of(3, 1, 1, 2), 2, 2, true);
        BufferedImage img = ImageIO.read(f.toFile());
        assertEquals(9, img.getWidth());
        assertEquals(5, img.getHeight());
        // Tile 0 at (0,0): left block 0, right block 255 (per-tile normalisation).
        assertEquals(0, grey(img, 1, 1));
        assertEquals(255, grey(img, 2, 0));
        assertEquals(255, grey(img, 3, 1));
        assertEquals(0, grey(img, 4, 0), "gap column");
        // Tile 1 at x = 5: (0, 2) -> 0, 255.
        assertEquals(0, grey(img, 5, 0));
        assertEquals(255, grey(img, 8, 1));
        // Tile 2 at y = 3 is constant: black.
        assertEquals(0, grey(img, 0, 3));
        assertEquals(0, grey(img, 3, 4));

        ImageWriter.writeGrid(f, data, Shape.of(3, 1, 1, 2), 2, 1, false);
        BufferedImage shared = ImageIO.read(f.toFile());
        assertEquals(Math.round(255 / 5f), grey(shared, 1, 0), "1 of [0, 5] with one range for all tiles");
        assertEquals(255, grey(shared, 0, 2));
    }

    @Test
    void rgbAndNonFiniteValues() throws IOException {
        float[] data = {0, Float.NaN, 1, 0, 0, 1}; // (3, 1, 2): red plane (0, NaN), green (1, 0), blue (0, 1)
        Path f = dir.resolve("rgb.png");
        ImageWriter.write(f, data, Shape.of(3, 1, 2), 1);
        BufferedImage img = ImageIO.read(f.toFile());
        assertEquals(0x00FF00, img.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0x0000FF, img.getRGB(1, 0) & 0xFFFFFF, "NaN red shows 0");
        assertThrows(IllegalArgumentException.class, () -> ImageWriter.write(f, new float[8], Shape.of(2, 2, 2), 1));
    }

    /**
     * {@code fittingScale}: the largest scale at most the asked one at which {@code rows x columns}
     * tiles with 1-pixel gaps fit 4096 pixels on each side. By hand, side = tiles * size * s + (tiles - 1).
     */
    @Test
    void fittingScaleIsTheLargestScaleWhoseGridFitsTheSideLimit() {
        // 10 x 10 MNIST tiles: 280 s + 9 <= 4096 holds up to s = 14 (3929) and fails at 15 (4209).
        assertEquals(14, ImageWriter.fittingScale(10, 10, 28, 28, 20));
        assertEquals(8, ImageWriter.fittingScale(10, 10, 28, 28, 8), "the asked scale when it fits");
        // One 4096-pixel tile fits exactly at scale 1 (4096 <= 4096), not at 2 or 3.
        assertEquals(1, ImageWriter.fittingScale(1, 1, 4096, 4096, 3));
        assertEquals(1, ImageWriter.fittingScale(1, 1, 4096, 1, 1), "rows side at exactly the limit");
        assertEquals(1, ImageWriter.fittingScale(1, 1, 1, 4096, 1), "columns side at exactly the limit");
        // 241 tiles of 16 with 240 gaps: 3856 + 240 = 4096 exactly; the gaps count.
        assertEquals(1, ImageWriter.fittingScale(1, 241, 16, 16, 1));
        assertEquals(1, ImageWriter.fittingScale(241, 1, 16, 16, 1));
        assertEquals(0, ImageWriter.fittingScale(1, 242, 16, 16, 1), "3872 + 241 = 4113 pixels");
        // Two 2048-pixel tiles and one gap: 4097, one pixel too many even at scale 1.
        assertEquals(0, ImageWriter.fittingScale(1, 2, 1, 2048, 1));
        assertEquals(0, ImageWriter.fittingScale(2, 1, 2048, 1, 1));
        // Scale halves 2 x 1024 + 1 = 2049 (fits) from 2 x 2048 + 1 = 4097 (does not).
        assertEquals(1, ImageWriter.fittingScale(1, 2, 1, 1024, 2));
        // Two rows of 2047 at scale 2 are 8189 pixels high; at scale 1, 4095.
        assertEquals(1, ImageWriter.fittingScale(2, 1, 2047, 1, 2));
    }

    /** {@code tilesAlong}: floor((4096 + 1) / (size * scale + 1)) tiles, each with its gap, fit along 4096 pixels. */
    @Test
    void tilesAlongCountsTilesAndGapsThatFitTheSideLimit() {
        // 4097 = 17 x 241: 241 tiles of 16 pixels and 240 gaps are exactly 4096.
        assertEquals(241, ImageWriter.tilesAlong(16, 1));
        // 28 pixels: 141 tiles are 3948 + 140 = 4088, 142 would be 4117.
        assertEquals(141, ImageWriter.tilesAlong(28, 1));
        // 28 pixels at scale 2: 71 tiles are 3976 + 70 = 4046, 72 would be 4103.
        assertEquals(71, ImageWriter.tilesAlong(28, 2));
        assertEquals(1, ImageWriter.tilesAlong(4096, 1));
        assertEquals(0, ImageWriter.tilesAlong(4097, 1));
        // Every answer is the largest count that fits: the same rule fittingScale applies.
        for (int size : new int[] {1, 3, 16, 28, 100}) {
            for (int scale : new int[] {1, 2, 5}) {
                int n = ImageWriter.tilesAlong(size, scale);
                assertEquals(scale, ImageWriter.fittingScale(1, n, 1, size, scale), n + " tiles of " + size + " at " + scale + " fit");
                assertEquals(0, ImageWriter.fittingScale(1, n + 1, 1, size * scale, 1), (n + 1) + " tiles of " + size + " at " + scale + " do not");
            }
        }
    }
}
