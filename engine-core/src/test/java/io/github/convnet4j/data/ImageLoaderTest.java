package io.github.convnet4j.data;

import io.github.convnet4j.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Decoding and resizing, by hand-computed values. Mutants left alive on purpose (mutation testing):
 * the null checks of {@code new MemoryCacheImageInputStream} and of {@code ImageReader.read} (neither
 * returns null), {@code reader.dispose()} (frees native state only), {@code w <= 0}/{@code h <= 0} as
 * {@code < 0} (the PNG and JPEG readers refuse a zero side themselves), skipping the resampler when a
 * side already fits (weights for n to n are exactly 0, 1, 0), and everything in {@code subsampled}
 * (bytes per pixel and the subsampling factor matter only when the heap cannot hold the decoded image).
 */
class ImageLoaderTest {
    @TempDir Path dir;

    private Path png(String name, BufferedImage img) throws IOException {
        Path p = dir.resolve(name);
        assertTrue(ImageIO.write(img, "png", p.toFile()));
        return p;
    }

    @Test
    void greyPngReadsRawLevelsNotGammaConverted() throws IOException {
        BufferedImage g = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        int[] levels = {0, 64, 128, 200, 255, 17};
        for (int i = 0; i < 6; i++) g.getRaster().setSample(i % 3, i / 3, 0, levels[i]);
        float[] t = ImageLoader.load(png("g.png", g), Shape.of(1, 2, 3), false);
        for (int i = 0; i < 6; i++) assertEquals(levels[i] / 255f, t[i], 1e-6, "pixel " + i);
        float[] inv = ImageLoader.load(png("g.png", g), Shape.of(1, 2, 3), true);
        for (int i = 0; i < 6; i++) assertEquals(1 - levels[i] / 255f, inv[i], 1e-6, "inverted pixel " + i);
        float[] rgb = ImageLoader.load(png("g.png", g), Shape.of(3, 2, 3), false);
        assertEquals(128 / 255f, rgb[2], 1e-6);
        assertEquals(128 / 255f, rgb[6 + 2], 1e-6);
        assertEquals(128 / 255f, rgb[12 + 2], 1e-6);
    }

    @Test
    void rgbToGreyUsesLumaAndRgbKeepsChannels() throws IOException {
        BufferedImage c = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        c.setRGB(0, 0, 0xFF0000);
        c.setRGB(1, 0, 0x00FF80);
        Path p = png("c.png", c);
        float[] grey = ImageLoader.load(p, Shape.of(1, 1, 2), false);
        assertEquals(0.299f, grey[0], 1e-6);
        assertEquals(0.587f + 0.114f * 128 / 255f, grey[1], 1e-6);
        float[] rgb = ImageLoader.load(p, Shape.of(3, 1, 2), false);
        assertArrayEquals(new float[]{1, 0, 0, 1, 0, 128 / 255f}, rgb, 1e-6f);
    }

    @Test
    void transparentPixelsBecomeWhite() throws IOException {
        BufferedImage a = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        a.setRGB(0, 0, 0x00000000); // fully transparent black
        a.setRGB(1, 0, 0xFF000000); // opaque black ink
        float[] t = ImageLoader.load(png("a.png", a), Shape.of(1, 1, 2), true);
        assertArrayEquals(new float[]{0, 1}, t, 1e-6f, "inverted: paper 0, ink 1");
    }

    @Test
    void halvingAStepEdgeMatchesTheTriangleFilterByHand() throws IOException {
        // 8 wide, left half black (0..3), right half white (4..7), shrunk to 4. Output x=1 has its centre
        // at source 3.0 and a triangle of half-width 2; source pixels 1..4 (centres 1.5..4.5) weigh
        // .25 .75 .75 .25 (sum 2), only pixel 4 is white: 0.25 / 2 = 0.125. x=2 mirrors it: 0.875.
        BufferedImage s = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 8; y++) for (int x = 4; x < 8; x++) s.getRaster().setSample(x, y, 0, 255);
        float[] t = ImageLoader.load(png("edge.png", s), Shape.of(1, 4, 4), false);
        for (int y = 0; y < 4; y++) {
            assertArrayEquals(new float[]{0f, 0.125f, 0.875f, 1f}, java.util.Arrays.copyOfRange(t, 4 * y, 4 * y + 4), 1e-6f, "row " + y);
        }
    }

    @Test
    void enlargingInterpolatesBilinearly() throws IOException {
        BufferedImage s = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        s.getRaster().setSample(1, 0, 0, 255);
        // 2 -> 4: output centres at source 0.25, 0.75, 1.25, 1.75 (pixel centres at 0.5, 1.5):
        // clamped at the borders, 0.25 and 0.75 interior weights -> 0, 0.25, 0.75, 1.
        float[] t = ImageLoader.load(png("up.png", s), Shape.of(1, 1, 4), false);
        assertArrayEquals(new float[]{0, 0.25f, 0.75f, 1}, t, 1e-6f);
    }

    @Test
    void jpegIsReadable() throws IOException {
        BufferedImage s = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) for (int x = 0; x < 16; x++) s.setRGB(x, y, 0x808080);
        Path p = dir.resolve("grey.jpg");
        assertTrue(ImageIO.write(s, "jpeg", p.toFile()));
        float[] t = ImageLoader.load(p, Shape.of(1, 28, 28), false);
        assertEquals(28 * 28, t.length);
        for (float v : t) assertEquals(128 / 255f, v, 3 / 255f); // JPEG is lossy, a flat image nearly exact
    }

    @Test
    void errorsNameTheFile() throws IOException {
        Path junk = dir.resolve("digit.png");
        Files.writeString(junk, "this is not an image");
        IOException e = assertThrows(IOException.class, () -> ImageLoader.load(junk, Shape.of(1, 28, 28), false));
        assertEquals("digit.png: not a readable PNG/JPEG image", e.getMessage());

        BufferedImage ok = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        byte[] full = Files.readAllBytes(png("cut.png", ok));
        Path cut = dir.resolve("cut.png");
        Files.write(cut, java.util.Arrays.copyOf(full, 40));
        e = assertThrows(IOException.class, () -> ImageLoader.load(cut, Shape.of(1, 4, 4), false));
        assertTrue(e.getMessage().startsWith("cut.png: not a readable PNG/JPEG image"), e.getMessage());

        e = assertThrows(IOException.class, () -> ImageLoader.load(dir.resolve("absent.png"), Shape.of(1, 4, 4), false));
        assertEquals("absent.png: no such file", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageLoader.load(junk, Shape.of(2, 4, 4), false));
    }

    /**
     * A grey PNG with an alpha channel (PNG colour type 4), 8 and 16 bits: composited over white
     * like RGBA, v a + (1 - a), from the raster's own levels. Grey 0 at alpha 255 stays 0, at
     * alpha 0 becomes 1, at alpha 51 (0.2) becomes 0.8; grey 255 at alpha 102 (0.4) stays 1.
     */
    @Test
    void greyWithAlphaIsCompositedOverWhite() throws IOException {
        for (int bits : new int[] {8, 16}) {
            int max = (1 << bits) - 1;
            java.awt.image.ComponentColorModel cm = new java.awt.image.ComponentColorModel(
                    java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_GRAY), true, false,
                    java.awt.Transparency.TRANSLUCENT, bits == 8 ? java.awt.image.DataBuffer.TYPE_BYTE : java.awt.image.DataBuffer.TYPE_USHORT);
            BufferedImage ga = new BufferedImage(cm, cm.createCompatibleWritableRaster(4, 1), false, null);
            int[][] greyAlpha = {{0, max}, {0, 0}, {0, max / 5}, {max, max * 2 / 5}};
            for (int x = 0; x < 4; x++) {
                ga.getRaster().setSample(x, 0, 0, greyAlpha[x][0]);
                ga.getRaster().setSample(x, 0, 1, greyAlpha[x][1]);
            }
            float[] t = ImageLoader.load(png("ga" + bits + ".png", ga), Shape.of(1, 1, 4), false);
            assertArrayEquals(new float[] {0, 1, 0.8f, 1}, t, 1e-6f, bits + "-bit grey with alpha");
        }
    }

    /** A PNG that stops after its IHDR chunk: it declares {@code w x h} 8-bit grey pixels and holds none. */
    private static byte[] headerOnlyPng(int w, int h) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + 25);
        b.put(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        b.putInt(13).put(new byte[]{'I', 'H', 'D', 'R'}).putInt(w).putInt(h).put(new byte[]{8, 0, 0, 0, 0});
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(b.array(), 12, 17); // chunk type and data
        b.putInt((int) crc.getValue());
        return b.array();
    }

    @Test
    void theSizeLimitAdmitsExactlyMaxPixels() throws IOException {
        // 8192 x 8192 = 64 Mi pixels = MAX_PIXELS: past the size check, then refused only for its missing pixel data.
        Path atLimit = Files.write(dir.resolve("at-limit.png"), headerOnlyPng(8192, 8192));
        IOException e = assertThrows(IOException.class, () -> ImageLoader.load(atLimit, Shape.of(1, 4, 4), false));
        assertTrue(e.getMessage().startsWith("at-limit.png: not a readable PNG/JPEG image ("), e.getMessage());
        // One row more is over the limit, refused from the header alone.
        Path over = Files.write(dir.resolve("over.png"), headerOnlyPng(8192, 8193));
        e = assertThrows(IOException.class, () -> ImageLoader.load(over, Shape.of(1, 4, 4), false));
        assertEquals("over.png: image of 8192 x 8193 pixels is empty or larger than the limit of 67108864 pixels", e.getMessage());
    }
}
