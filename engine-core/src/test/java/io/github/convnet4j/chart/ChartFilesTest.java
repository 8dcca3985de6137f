package io.github.convnet4j.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** Panels side by side: each at its own x offset, the area below a shorter panel white. */
class ChartFilesTest {
    private static BufferedImage filled(int w, int h, int rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, rgb);
        return img;
    }

    @Test void panelsArePlacedLeftToRightOnWhite() {
        BufferedImage red = filled(3, 2, 0xFF0000), blue = filled(2, 4, 0x0000FF), green = filled(1, 1, 0x00FF00);
        BufferedImage out = ChartFiles.sideBySide(red, blue, green);
        assertEquals(6, out.getWidth(), "3 + 2 + 1");
        assertEquals(4, out.getHeight(), "the tallest panel");
        int[][] want = {
            // x: 0..2 red (2 rows), 3..4 blue (4 rows), 5 green (1 row); white elsewhere.
            {0xFF0000, 0xFF0000, 0xFF0000, 0x0000FF, 0x0000FF, 0x00FF00},
            {0xFF0000, 0xFF0000, 0xFF0000, 0x0000FF, 0x0000FF, 0xFFFFFF},
            {0xFFFFFF, 0xFFFFFF, 0xFFFFFF, 0x0000FF, 0x0000FF, 0xFFFFFF},
            {0xFFFFFF, 0xFFFFFF, 0xFFFFFF, 0x0000FF, 0x0000FF, 0xFFFFFF},
        };
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 6; x++) assertEquals(want[y][x], out.getRGB(x, y) & 0xFFFFFF, "pixel " + x + "," + y);
        }
    }
}
