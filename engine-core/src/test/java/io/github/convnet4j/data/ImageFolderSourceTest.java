package io.github.convnet4j.data;

import io.github.convnet4j.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.*;

class ImageFolderSourceTest {
    @TempDir Path dir;

    private static final ImageFolderSource.Options GREY_4x4 = new ImageFolderSource.Options(Shape.of(1, 4, 4), ImageFit.STRETCH, false, 1);

    /** A grey image whose pixel (y, x) is {@code base + 10 y + x}. */
    private static BufferedImage grey(int w, int h, int base) {
        BufferedImage g = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) g.getRaster().setSample(x, y, 0, base + 10 * y + x);
        return g;
    }

    private static Path write(Path file, BufferedImage img, String format) throws IOException {
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(img, format, file.toFile()), format);
        return file;
    }

    @Test
    void trainAndTestFoldersGiveSortedClassesAndExactPixels() throws IOException {
        write(dir.resolve("train/zebra/a.png"), grey(4, 4, 100), "png");
        write(dir.resolve("train/cat/b.png"), grey(4, 4, 0), "png");
        write(dir.resolve("train/cat/a.png"), grey(4, 4, 50), "png");
        write(dir.resolve("test/zebra/x.png"), grey(4, 4, 7), "png");
        assertTrue(ImageFolderSource.looksLikeImageFolder(dir));

        ImageFolderSource.Loaded l = ImageFolderSource.load(dir, GREY_4x4);
        assertEquals(List.of("cat", "zebra"), l.train().classNames());
        assertEquals(List.of("cat", "zebra"), l.test().classNames(), "the test set shares the training classes");
        // Samples in file-name order, then class: cat/a.png, zebra/a.png, cat/b.png.
        assertArrayEquals(new int[]{0, 1, 0}, l.train().labels());
        assertArrayEquals(new int[]{1}, l.test().labels());
        float[] first = new float[16];
        l.train().copySample(0, first, 0); // cat/a.png, base 50
        for (int y = 0; y < 4; y++) for (int x = 0; x < 4; x++) assertEquals((50 + 10 * y + x) / 255f, first[y * 4 + x], 0f);
        assertTrue(l.skipped().isEmpty());
    }

    @Test
    void oneFolderOfClassesHasNoTestSet() throws IOException {
        write(dir.resolve("b/1.png"), grey(4, 4, 0), "png");
        write(dir.resolve("a/1.bmp"), grey(4, 4, 0), "bmp");
        Files.writeString(dir.resolve("LICENSE"), "files beside the class folders are not classes");
        ImageFolderSource.Loaded l = ImageFolderSource.load(dir, GREY_4x4);
        assertNull(l.test());
        assertEquals(List.of("a", "b"), l.train().classNames());
        assertEquals(2, l.train().size());
    }

    @Test
    void colourAndSizeAreConvertedToTheModelsInput() throws IOException {
        BufferedImage rgb = new BufferedImage(16, 12, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 12; y++) for (int x = 0; x < 16; x++) rgb.setRGB(x, y, 0xC08040);
        write(dir.resolve("c/photo.jpg"), rgb, "jpg");
        write(dir.resolve("g/small.png"), grey(2, 2, 200), "png");
        ImageFolderSource.Loaded l = ImageFolderSource.load(dir, new ImageFolderSource.Options(Shape.of(3, 8, 8), ImageFit.STRETCH, false, 1));
        assertEquals(Shape.of(3, 8, 8), l.train().sampleShape());
        float[] photo = new float[3 * 64], small = new float[3 * 64];
        l.train().copySample(0, photo, 0);
        l.train().copySample(1, small, 0);
        // A flat colour stays flat whatever the resize; JPEG may move a level by a few steps.
        assertEquals(0xC0 / 255f, photo[0], 4 / 255f);
        assertEquals(0x80 / 255f, photo[64 + 10], 4 / 255f);
        assertEquals(0x40 / 255f, photo[128 + 63], 4 / 255f);
        // Grey goes to all three channels alike.
        for (int i = 0; i < 64; i++) {
            assertEquals(small[i], small[64 + i], 0f);
            assertEquals(small[i], small[128 + i], 0f);
        }
    }

    @Test
    void cropKeepsTheCentreAndStretchKeepsEverything() throws IOException {
        // 12 wide, 4 high: left third black, middle third grey 128, right third white.
        BufferedImage wide = new BufferedImage(12, 4, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 4; y++) for (int x = 0; x < 12; x++) wide.getRaster().setSample(x, y, 0, x < 4 ? 0 : x < 8 ? 128 : 255);
        write(dir.resolve("k/wide.png"), wide, "png");
        float[] crop = new float[16], stretch = new float[16];
        ImageFolderSource.load(dir, new ImageFolderSource.Options(Shape.of(1, 4, 4), ImageFit.CROP, false, 1)).train().copySample(0, crop, 0);
        ImageFolderSource.load(dir, GREY_4x4).train().copySample(0, stretch, 0);
        for (float v : crop) assertEquals(128 / 255f, v, 0f, "the centred 4 x 4 region is the grey middle");
        assertEquals(0f, stretch[0], 1e-6f, "stretch keeps the black left edge");
        assertEquals(1f, stretch[3], 1e-6f, "and the white right edge");
    }

    @Test
    void theResultDoesNotDependOnTheNumberOfThreads() throws IOException {
        for (int i = 0; i < 20; i++) write(dir.resolve("c" + (i % 3) + "/" + i + ".png"), grey(5 + i % 4, 6, i), "png");
        Dataset one = ImageFolderSource.load(dir, GREY_4x4).train();
        Dataset three = ImageFolderSource.load(dir, new ImageFolderSource.Options(Shape.of(1, 4, 4), ImageFit.STRETCH, false, 3)).train();
        assertArrayEquals(one.images(), three.images());
        assertArrayEquals(one.labels(), three.labels());
    }

    // ---- hostile folders: one line naming the file or folder ----

    @Test
    void anEmptyClassFolderIsNamed() throws IOException {
        write(dir.resolve("train/a/1.png"), grey(4, 4, 0), "png");
        Files.createDirectories(dir.resolve("train/b"));
        Files.createDirectories(dir.resolve("test/a"));
        write(dir.resolve("test/a/1.png"), grey(4, 4, 0), "png");
        IOException e = assertThrows(IOException.class, () -> ImageFolderSource.load(dir, GREY_4x4));
        assertEquals(dir.resolve("train/b") + ": empty class folder (no PNG, JPEG or BMP images)", e.getMessage());
    }

    @Test
    void aTestClassThatTrainingLacksIsRefused() throws IOException {
        write(dir.resolve("train/a/1.png"), grey(4, 4, 0), "png");
        write(dir.resolve("val/q/1.png"), grey(4, 4, 0), "png");
        IOException e = assertThrows(IOException.class, () -> ImageFolderSource.load(dir, GREY_4x4));
        assertTrue(e.getMessage().startsWith(dir.resolve("val/q") + ": class 'q' is not among the training classes"), e.getMessage());
    }

    @Test
    void aNonImageFileIsNamedAndSkippedWithSkipBad() throws IOException {
        write(dir.resolve("a/1.png"), grey(4, 4, 0), "png");
        write(dir.resolve("a/2.png"), grey(4, 4, 9), "png");
        Files.writeString(dir.resolve("a/notes.txt"), "not an image");
        Files.writeString(dir.resolve("a/fake.png"), "text pretending to be a PNG");
        IOException e = assertThrows(IOException.class, () -> ImageFolderSource.load(dir, GREY_4x4));
        assertEquals(dir.resolve("a/notes.txt") + ": not a PNG, JPEG or BMP file (by its extension); move it out or pass --skip-bad", e.getMessage());

        Files.delete(dir.resolve("a/notes.txt"));
        e = assertThrows(IOException.class, () -> ImageFolderSource.load(dir, GREY_4x4));
        assertTrue(e.getMessage().startsWith(dir.resolve("a/fake.png") + ": not a readable"), e.getMessage());
        assertTrue(e.getMessage().endsWith("; pass --skip-bad to skip such files"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));

        Files.writeString(dir.resolve("a/notes.txt"), "not an image");
        ImageFolderSource.Loaded l = ImageFolderSource.load(dir, new ImageFolderSource.Options(Shape.of(1, 4, 4), ImageFit.STRETCH, true, 2));
        assertEquals(2, l.train().size(), "the two real images are kept");
        assertEquals(2, l.skipped().size(), l.skipped().toString());
        float[] second = new float[16];
        l.train().copySample(1, second, 0);
        assertEquals(9 / 255f, second[0], 0f, "2.png follows 1.png once fake.png is dropped");
    }

    @Test
    void aTruncatedJpegIsNamed() throws IOException {
        BufferedImage rgb = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) for (int x = 0; x < 64; x++) rgb.setRGB(x, y, (x * 4) << 16 | (y * 4) << 8 | 77);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(rgb, "jpg", jpeg));
        byte[] full = jpeg.toByteArray();
        write(dir.resolve("a/ok.png"), grey(4, 4, 0), "png");
        for (double keep : new double[]{0.5, 0.9}) {
            Path cut = dir.resolve("a/cut.jpg");
            Files.write(cut, Arrays.copyOf(full, (int) (full.length * keep)));
            IOException e = assertThrows(IOException.class, () -> ImageFolderSource.load(dir, GREY_4x4), "kept " + keep);
            assertTrue(e.getMessage().startsWith(cut + ": "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    void aHugePngHeaderIsRefusedBeforeDecoding() throws IOException {
        Path bomb = Files.createDirectories(dir.resolve("a")).resolve("bomb.png");
        Files.write(bomb, pngHeader(100_000, 100_000));
        write(dir.resolve("a/ok.png"), grey(4, 4, 0), "png");
        IOException e = assertThrows(IOException.class, () -> ImageFolderSource.load(dir, GREY_4x4));
        assertTrue(e.getMessage().startsWith(bomb + ": image of 100000 x 100000 pixels"), e.getMessage());
    }

    /** A PNG signature and an IHDR chunk claiming {@code w × h} 8-bit grey pixels, then a tiny IDAT and IEND. */
    static byte[] pngHeader(int w, int h) {
        ByteBuffer b = ByteBuffer.allocate(8 + 25 + 12 + 2 + 12);
        b.put(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunk(b, "IHDR", ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(b, "IDAT", new byte[]{0x78, 0x01});
        chunk(b, "IEND", new byte[0]);
        return Arrays.copyOf(b.array(), b.position());
    }

    private IOException refused(Path root, ImageFolderSource.Options o) {
        return assertThrows(IOException.class, () -> ImageFolderSource.load(root, o));
    }

    @Test
    void layoutsAreRecognisedAndBadOnesNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "x");
        assertFalse(ImageFolderSource.looksLikeImageFolder(file));
        assertEquals(file + ": not a directory", refused(file, GREY_4x4).getMessage());

        Path noTest = dir.resolve("no-test");
        write(noTest.resolve("train/cat/a.png"), grey(4, 4, 0), "png");
        assertTrue(ImageFolderSource.looksLikeImageFolder(noTest), "a train/ folder is enough to look like one");
        assertTrue(refused(noTest, GREY_4x4).getMessage().startsWith(noTest + ": has train/ but no test/ or val/ folder beside it"));

        Path val = dir.resolve("with-val");
        write(val.resolve("train/cat/a.png"), grey(4, 4, 0), "png");
        write(val.resolve("train/dog/a.png"), grey(4, 4, 9), "png");
        write(val.resolve("val/dog/v.png"), grey(4, 4, 3), "png");   // the validation folder may lack a class
        ImageFolderSource.Loaded l = ImageFolderSource.load(val, GREY_4x4);
        assertArrayEquals(new int[] {1}, l.test().labels(), "val/ stands in for test/");
        assertEquals(List.of("cat", "dog"), l.test().classNames());

        Path emptyTrain = dir.resolve("empty-train");
        Files.createDirectories(emptyTrain.resolve("train"));
        Files.createDirectories(emptyTrain.resolve("test"));
        assertEquals(emptyTrain.resolve("train") + ": no class folders in it", refused(emptyTrain, GREY_4x4).getMessage());

        Path flat = Files.createDirectories(dir.resolve("flat"));
        Files.writeString(flat.resolve("a.png"), "not in a class folder");
        assertFalse(ImageFolderSource.looksLikeImageFolder(flat));
        assertTrue(refused(flat, GREY_4x4).getMessage().startsWith(flat + ": no class folders in it"));

        Path noImages = dir.resolve("no-images");
        Files.createDirectories(noImages.resolve("cat"));
        Files.writeString(noImages.resolve("cat/readme.txt"), "x");
        assertFalse(ImageFolderSource.looksLikeImageFolder(noImages), "class folders without images");
    }

    @Test
    void hiddenEntriesAreIgnoredAndNestedFoldersRefusedOrSkipped() throws IOException {
        write(dir.resolve("cat/a.png"), grey(4, 4, 0), "png");
        write(dir.resolve(".thumbnails/t.png"), grey(4, 4, 0), "png");   // a hidden folder is no class
        Files.writeString(dir.resolve("cat/.DS_Store"), "x");             // a hidden file is no image
        ImageFolderSource.Loaded l = ImageFolderSource.load(dir, GREY_4x4);
        assertEquals(List.of("cat"), l.train().classNames());
        assertEquals(1, l.train().size());
        assertTrue(l.skipped().isEmpty(), l.skipped().toString());

        Path nested = Files.createDirectories(dir.resolve("cat/more"));
        IOException e = refused(dir, GREY_4x4);
        assertEquals(nested + ": a folder inside a class folder (classes are one level deep); move it out or pass --skip-bad", e.getMessage());
        ImageFolderSource.Loaded skipping = ImageFolderSource.load(dir, new ImageFolderSource.Options(Shape.of(1, 4, 4), ImageFit.STRETCH, true, 1));
        assertEquals(List.of(nested + ": a folder inside a class folder (classes are one level deep)"), skipping.skipped());
        assertEquals(1, skipping.train().size());
    }

    @Test
    void streamingIsChosenByTheLoadingOption() throws IOException {
        write(dir.resolve("cat/a.png"), grey(4, 4, 0), "png");
        write(dir.resolve("dog/b.png"), grey(4, 4, 60), "png");
        Dataset streamed = ImageFolderSource.load(dir, new ImageFolderSource.Options(Shape.of(1, 4, 4), ImageFit.STRETCH, false, 1,
                ImageFolderSource.Loading.STREAM)).train();
        Dataset memory = ImageFolderSource.load(dir, new ImageFolderSource.Options(Shape.of(1, 4, 4), ImageFit.STRETCH, false, 1,
                ImageFolderSource.Loading.MEMORY)).train();
        assertTrue(streamed.isStreamed());
        assertFalse(memory.isStreamed());
        assertArrayEquals(memory.labels(), streamed.labels());
        assertArrayEquals(memory.images(), streamed.images(), "the same pixels either way");
        assertFalse(ImageFolderSource.load(dir, GREY_4x4).train().isStreamed(), "AUTO: two tiny images fit the heap");
    }

    private static void chunk(ByteBuffer b, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        b.putInt(data.length).put(t).put(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        b.putInt((int) crc.getValue());
    }
}
