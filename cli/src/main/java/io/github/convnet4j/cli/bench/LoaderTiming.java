package io.github.convnet4j.cli.bench;

import io.github.convnet4j.data.ImageFit;
import io.github.convnet4j.data.ImageFolderSource;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.util.Rng;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * The image-folder loader's speed: writes {@code images} synthetic 96 × 96 colour JPEGs (smooth
 * gradients plus seeded noise, so they compress like photos rather than flat fills) into a temporary
 * class folder, then times {@link ImageFolderSource#load} reading them as {@code (3, 96, 96)} on 1
 * and 2 threads, {@code runs} times each, and reports the median images per second. The files are
 * deleted afterwards.
 *
 * @param images        JPEGs decoded per run
 * @param medianPerSecond median images/s, by thread count 1 and 2
 */
public record LoaderTiming(int images, double[] medianPerSecond) {
    private static final int SIDE = 96;

    /** Writes the folder, times both thread counts and removes the folder. */
    public static LoaderTiming measure(int images, int runs, long seed) throws IOException {
        Path dir = Files.createTempDirectory("convnet-loader-bench");
        try {
            Rng rng = Rng.derive(seed, 0x10ADL);
            for (int i = 0; i < images; i++) {
                Path cls = Files.createDirectories(dir.resolve("c" + (i % 2)));
                if (!ImageIO.write(photo(rng, i), "jpg", cls.resolve(String.format("%06d.jpg", i)).toFile())) {
                    throw new IOException("no JPEG writer in this JVM");
                }
            }
            double[] perSecond = new double[2];
            for (int threads = 1; threads <= 2; threads++) {
                ImageFolderSource.Options o = new ImageFolderSource.Options(Shape.of(3, SIDE, SIDE), ImageFit.STRETCH, false, threads);
                ImageFolderSource.load(dir, o); // warm-up: class loading and the JIT
                double[] samples = new double[runs];
                for (int r = 0; r < runs; r++) {
                    long t0 = System.nanoTime();
                    ImageFolderSource.load(dir, o);
                    samples[r] = images / ((System.nanoTime() - t0) / 1e9);
                }
                perSecond[threads - 1] = Stats.median(samples);
            }
            return new LoaderTiming(images, perSecond);
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    private static BufferedImage photo(Rng rng, int index) {
        BufferedImage img = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        int phase = index * 37;
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int r = clamp((x * 2 + phase) % 256 + noise(rng));
                int g = clamp((y * 2 + phase / 2) % 256 + noise(rng));
                int b = clamp(((x + y) + phase / 3) % 256 + noise(rng));
                img.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return img;
    }

    private static int noise(Rng rng) { return rng.nextInt(25) - 12; }

    private static int clamp(int v) { return Math.max(0, Math.min(255, v)); }

    /** One line per thread count. */
    public String text() {
        return String.format(Locale.ROOT, "image-folder loader, %d JPEGs of 3x%dx%d: %.0f img/s on 1 thread, %.0f img/s on 2 threads (medians)",
                images, SIDE, SIDE, medianPerSecond[0], medianPerSecond[1]);
    }
}
