/*
 * Writes a large image class folder for the streaming measurements in the README: OUT/train/<class>/
 * and OUT/test/<class>/ hold 3 x 96 x 96 JPEGs (quality 1.0), 10 classes, each image its class's
 * colour under heavy noise, so a small conv net can learn it. Image i draws its noise from its own
 * seed, so the output is the same whatever the number of threads writing it. About 15 KB per image:
 * 200000 training images are 3 GB. The test part is 1000 images. Never commit the output.
 *
 *     java test-data/scripts/JpegFolder.java OUT TRAIN_COUNT
 *
 * Plain Java (run as a single source file, JDK 17+): javax.imageio writes the JPEGs, on all cores.
 */
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Random;
import java.util.stream.IntStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

public class JpegFolder {
    static final int SIDE = 96, CLASSES = 10;

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: java JpegFolder.java OUT TRAIN_COUNT");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        long bytes = IntStream.range(0, n).parallel().mapToLong(i -> write(out.resolve("train"), i, 1)).sum();
        IntStream.range(0, 1000).parallel().forEach(i -> write(out.resolve("test"), i, 2));
        System.out.printf("%s: %d training images, %.2f GB; 1000 test images%n", out, n, bytes / 1e9);
    }

    /** Image {@code i} (class i mod 10) as OUT/<class>/<i>.jpg; returns its size in bytes. */
    static long write(Path root, int i, int part) {
        try {
            return write(root, i, new Random(part * 1_000_000_007L + i));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long write(Path root, int i, Random r) throws IOException {
        int k = i % CLASSES;
        int base = Color.of(k);
        BufferedImage im = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[SIDE];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int noise = r.nextInt(1 << 24) & 0x7F7F7F; // 7 bits of noise per channel: about 30 KB per image
                row[x] = ((base >> 1) & 0x7F7F7F) + noise;
            }
            im.setRGB(0, y, SIDE, 1, row, 0, SIDE);
        }
        Path file = Files.createDirectories(root.resolve("c" + k)).resolve(String.format("%07d.jpg", i));
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        ImageWriter w = writers.next();
        ImageWriteParam p = w.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(1f);
        try (ImageOutputStream s = ImageIO.createImageOutputStream(Files.newOutputStream(file))) {
            w.setOutput(s);
            w.write(null, new IIOImage(im, null, null), p);
        } finally {
            w.dispose();
        }
        return Files.size(file);
    }

    /** A distinct colour per class: the bits of k + 1 pick full red, green and blue. */
    static final class Color {
        static int of(int k) {
            int c = k + 1;
            return ((c & 1) != 0 ? 0xFF0000 : 0x300000) | ((c & 2) != 0 ? 0x00FF00 : 0x003000) | ((c & 4) != 0 ? 0x0000FF : 0x000030)
                    ^ ((c & 8) != 0 ? 0x808080 : 0);
        }
    }
}
