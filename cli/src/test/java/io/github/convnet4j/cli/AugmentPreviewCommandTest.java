package io.github.convnet4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AugmentPreviewCommandTest {
    @TempDir Path tmp;

    @Test void aCertainFlipMirrorsEveryDraw() throws Exception {
        Path png = tmp.resolve("flip.png");
        CliRun r = CliRun.of("augment-preview", "--augment", "flip=1", "--count", "2", "--draws", "2", "--scale", "1", "--out", png.toString());
        assertEquals(0, r.exitCode(), r.err());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(3 * 28 + 2, img.getWidth(), "original + 2 draws, 1-pixel gaps");
        assertEquals(2 * 28 + 1, img.getHeight(), "two rows");
        for (int row = 0; row < 2; row++) {
            for (int draw = 1; draw <= 2; draw++) {
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        int oy = row * 29 + y;
                        assertEquals(img.getRGB(27 - x, oy), img.getRGB(draw * 29 + x, oy), "row " + row + " draw " + draw + " at " + x + "," + y);
                    }
                }
            }
        }
    }

    @Test void shiftsDifferFromDrawToDraw() throws Exception {
        Path png = tmp.resolve("shift.png");
        CliRun r = CliRun.of("augment-preview", "--augment", "shift=4", "--count", "1", "--draws", "3", "--scale", "1", "--out", png.toString());
        assertEquals(0, r.exitCode(), r.err());
        BufferedImage img = ImageIO.read(png.toFile());
        int[] a = img.getRGB(29, 0, 28, 28, null, 0, 28), b = img.getRGB(58, 0, 28, 28, null, 0, 28), o = img.getRGB(0, 0, 28, 28, null, 0, 28);
        assertNotEquals(java.util.Arrays.hashCode(a), java.util.Arrays.hashCode(b), "epochs 1 and 2 draw different shifts");
        assertTrue(!java.util.Arrays.equals(a, o) || !java.util.Arrays.equals(b, o), "a shift moves the image");
    }

    @Test void aBadSpecIsOneLine() {
        CliRun r = CliRun.of("augment-preview", "--augment", "twirl=3", "--out", tmp.resolve("x.png").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.errorLines().contains("twirl"), r.err());
    }
}
