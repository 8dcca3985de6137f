package io.github.convnet4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder whose decoded pixels are more than twice the heap trains: a child JVM with
 * {@code -Xmx128m} trains one epoch on 1600 JPEGs of 3 × 256 × 256 (315 MB decoded, as bytes), which
 * the CLI streams by itself because they cannot be held in memory.
 */
class StreamedHeapTest {
    private static final int SIDE = 256, PER_CLASS = 400;
    @TempDir Path dir;

    @Test
    void aFolderLargerThanTheHeapTrainsStreamedInA128MegabyteHeap() throws Exception {
        Path data = dir.resolve("data");
        write(data.resolve("train"), PER_CLASS);
        write(data.resolve("test"), 10);
        Path model = Files.writeString(dir.resolve("pool.yaml"), "input_shape: [3, " + SIDE + ", " + SIDE + "]\nlayers:\n"
                + "  - {type: MaxPooling2D, pool_size: 32}\n  - {type: Flatten}\n  - {type: Dense, units: 4, activation: softmax}\n");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "train", "--data", data.toString(), "--model", model.toString(), "--epochs", "1", "--batch-size", "8",
                "--device", "cpu", "--loader-threads", "2", "--out", dir.resolve("run").toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
        boolean done = p.waitFor(300, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly();
        String out = Files.readString(dir.resolve("out.txt"));
        assertTrue(done, "finished within 300 s: " + out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains(data + ": streamed (images decoded batch by batch on 2 loader threads, as they would take more than half the free heap)"), out);
        assertTrue(out.contains("1,600 training samples"), out);
        List<String> history = Files.readAllLines(dir.resolve("run/history.csv"));
        assertEquals(2, history.size(), String.join("\n", history));
        // Each class is its own colour: a model that learned anything beats chance (0.25) by far.
        double accuracy = Double.parseDouble(history.get(1).split(",")[2]);
        assertTrue(accuracy > 0.5, "training accuracy " + accuracy);
    }

    /** {@code perClass} JPEGs in each of 4 class folders: the class's colour with noise. */
    private static void write(Path root, int perClass) throws Exception {
        Random r = new Random(3);
        int[] colours = {0xC03020, 0x20C030, 0x3020C0, 0xC0C0C0};
        for (int k = 0; k < 4; k++) {
            Path c = Files.createDirectories(root.resolve("c" + k));
            for (int i = 0; i < perClass; i++) {
                BufferedImage im = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
                int[] row = new int[SIDE];
                for (int y = 0; y < SIDE; y++) {
                    for (int x = 0; x < SIDE; x++) row[x] = colours[k] ^ (r.nextInt(32) * 0x010101);
                    im.setRGB(0, y, SIDE, 1, row, 0, SIDE);
                }
                assertTrue(ImageIO.write(im, "jpg", c.resolve(String.format("%04d.jpg", i)).toFile()));
            }
        }
    }
}
