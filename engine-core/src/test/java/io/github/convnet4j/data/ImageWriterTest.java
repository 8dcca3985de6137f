package io.github.convnet4j.data;

import io.github.convnet4j.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

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
}
