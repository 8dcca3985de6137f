package io.github.convnet4j.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.tensor.Shape;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The overlay's colour scale, blending and tile layout against values worked out by hand.
 *
 * <p>Left alone as equivalent or not worth a 256 MB test image: {@code outW * outH > MAX_PIXELS} as
 * {@code >=} (only a grid of exactly 64 Mi pixels tells them apart); the "no PNG writer" branch of
 * {@link Overlay#writePng} (the JDK always has one).
 */
class OverlayTest {
    /** Stops 0..4 sit at v = 0, 0.25, 0.5, 0.75, 1; between them each channel is linear, then rounded. */
    @Test void colourScaleInterpolatesBetweenItsStops() {
        assertEquals(0x000004, Overlay.color(0f), "stop 0 (0, 0, 4)");
        assertEquals(0xBC3754, Overlay.color(0.5f), "stop 2 (188, 55, 84)");
        assertEquals(0xFCFFA4, Overlay.color(1f), "stop 4 (252, 255, 164)");
        // v = 0.375: halfway between stops 1 (87, 16, 110) and 2 (188, 55, 84): (137.5, 35.5, 97) -> (138, 36, 97).
        assertEquals(0x8A2461, Overlay.color(0.375f));
        // v = 0.1: 0.4 of the way from stop 0 to stop 1: (34.8, 6.4, 2.4 + 44) -> (35, 6, 46).
        assertEquals(0x23062E, Overlay.color(0.1f));
        assertEquals(Overlay.color(0f), Overlay.color(-3f), "below 0 clamps");
        assertEquals(Overlay.color(1f), Overlay.color(7f), "above 1 clamps");
    }

    /**
     * Three 1×2 grey images at scale 2, two pairs to a row: 24×6 pixels (2 pairs of 2 tiles of 4
     * pixels with a 2-pixel gap inside a pair and 4 between pairs; 2 rows of 2 pixels, 2 apart).
     * Each letter is one source pixel drawn as a 2×2 block; '.' is black (gaps, empty slot, black pixels).
     */
    @Test void gridLaysOutImageAndBlendTilesPixelByPixel() {
        Shape sample = Shape.of(1, 1, 2);
        List<float[]> images = List.of(new float[] {0.5f, 1f}, new float[] {0f, Float.POSITIVE_INFINITY}, new float[] {0.2f, Float.NaN});
        List<Heatmap> heat = List.of(new Heatmap(1, 2, new float[] {0f, 1f}), new Heatmap(1, 2, new float[] {0.5f, 0.5f}),
                new Heatmap(1, 2, new float[] {1f, 0.375f}));
        // Overlay = image * (1 - a) + colour(v) * a per channel, a = 0.25 + 0.6 v, rounded:
        Map<Character, Integer> rgb = Map.of(
                'A', 0x808080,  // 0.5 -> round(127.5) = 128 grey
                'B', 0xFFFFFF,  // 1.0 -> 255
                'C', 0x606061,  // 128 * 0.75 + (0, 0, 4) * 0.25 = (96, 96, 97)
                'D', 0xFCFFB2,  // 255 * 0.15 + (252, 255, 164) * 0.85 = (252.45, 255, 177.65)
                'G', 0x671E2E,  // black (0 and the non-finite +Inf): (188, 55, 84) * 0.55 = (103.4, 30.25, 46.2)
                'I', 0x333333,  // 0.2 -> 51
                'J', 0xDEE093,  // 51 * 0.15 + (252, 255, 164) * 0.85 = (221.85, 224.4, 147.05)
                'K', 0x42112E); // NaN is black; (138, 36, 97) * 0.475 = (65.55, 17.1, 46.075)
        // One character per 2×2 block: pair 0 is image (blocks 0-1), gap, overlay (3-4); 2 blocks (4 pixels)
        // between pairs; pair 1 is blocks 7-8 and 10-11. Block row 1 is the gap between tile rows.
        String[] picture = {
            "AB.CD.....GG",
            "............",
            "I..JK.......",
        };
        BufferedImage img = Overlay.grid(images, sample, heat, 2, 2);
        assertEquals(24, img.getWidth());
        assertEquals(6, img.getHeight());
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 24; x++) {
                char ch = picture[y / 2].charAt(x / 2);
                int want = ch == '.' ? 0 : rgb.get(ch);
                assertEquals(want, img.getRGB(x, y) & 0xFFFFFF, "pixel (" + x + ", " + y + ") should be " + ch);
            }
        }
    }

    /** Colour images take channel planes R, G, B: pixel i is (im[i], im[plane + i], im[2 plane + i]). */
    @Test void colourImagesKeepTheirChannels() {
        float[] im = {1f, 0f, 0.2f, 0.6f, 0f, 0.4f}; // R plane (1, 0), G plane (0.2, 0.6), B plane (0, 0.4)
        BufferedImage img = Overlay.grid(List.of(im), Shape.of(3, 1, 2), List.of(new Heatmap(1, 2, new float[2])), 4, 1);
        assertEquals(6, img.getWidth(), "2 + 2 gap + 2");
        assertEquals(1, img.getHeight());
        assertEquals(0xFF3300, img.getRGB(0, 0) & 0xFFFFFF, "(255, 51, 0)");
        assertEquals(0x009966, img.getRGB(1, 0) & 0xFFFFFF, "(0, 153, 102)");
        assertEquals(0, img.getRGB(2, 0) & 0xFFFFFF);
        assertEquals(0, img.getRGB(3, 0) & 0xFFFFFF);
        // Heat 0: 0.75 * pixel + 0.25 * (0, 0, 4): (191.25, 38.25, 1) and (0, 114.75, 77.5).
        assertEquals(0xBF2601, img.getRGB(4, 0) & 0xFFFFFF);
        assertEquals(0x00734E, img.getRGB(5, 0) & 0xFFFFFF);
    }

    @Test void badArgumentsAreRefused() {
        Shape s = Shape.of(1, 1, 1);
        Heatmap h = new Heatmap(1, 1, new float[1]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Overlay.grid(List.of(new float[1], new float[1]), s, List.of(h), 2, 1));
        assertTrue(e.getMessage().contains("one heatmap per image"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Overlay.grid(List.of(), s, List.of(), 2, 1));
        // One 1×1 image at scale 8192: (2 * 8192 + 2) x 8192 pixels, just over 64 Mi; refused before allocating.
        e = assertThrows(IllegalArgumentException.class, () -> Overlay.grid(List.of(new float[1]), s, List.of(h), 1, 8192));
        assertTrue(e.getMessage().contains("16386 x 8192"), e.getMessage());
    }

    @Test void writesAPngThatReadsBack(@TempDir Path dir) throws Exception {
        BufferedImage img = Overlay.grid(List.of(new float[] {0.2f}), Shape.of(1, 1, 1), List.of(new Heatmap(1, 1, new float[] {1f})), 1, 3);
        Path file = dir.resolve("o.png");
        Overlay.writePng(file, img);
        BufferedImage back = ImageIO.read(Files.newInputStream(file));
        assertEquals(img.getWidth(), back.getWidth());
        assertEquals(0xDEE093, back.getRGB(img.getWidth() - 1, 2) & 0xFFFFFF, "the overlay pixel survives the round trip");
    }
}
