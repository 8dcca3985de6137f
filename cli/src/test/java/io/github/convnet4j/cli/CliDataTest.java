package io.github.convnet4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.data.MnistFormat;
import io.github.convnet4j.testdata.BundledData;
import java.awt.image.BufferedImage;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --data} as users have it, end to end through the CLI: Fashion-MNIST as a PNG class folder
 * trains and evaluates to the same numbers as from IDX files; the bundled Kaggle-layout CSV slice
 * trains; hostile folders and CSVs give one line and exit 1.
 */
class CliDataTest {
    @TempDir static Path tmp;
    static Path idx, png;

    /** The first 300 training and 100 test images of Fashion-MNIST, as IDX files and as PNG class folders. */
    @BeforeAll
    static void writeBothForms() throws Exception {
        MnistFormat.TrainTest full = MnistFormat.load(n -> BundledData.open("fashion-mnist", n), "fashion-mnist");
        idx = Files.createDirectories(tmp.resolve("idx"));
        png = Files.createDirectories(tmp.resolve("png"));
        write(full.train().subset(300), "train", "train");
        write(full.test().subset(100), "t10k", "test");
    }

    private static void write(Dataset d, String idxPrefix, String folder) throws Exception {
        int n = d.size(), h = d.sampleShape().dim(1), w = d.sampleShape().dim(2);
        float[] px = new float[h * w];
        try (DataOutputStream images = new DataOutputStream(Files.newOutputStream(idx.resolve(idxPrefix + "-images-idx3-ubyte")));
             DataOutputStream labels = new DataOutputStream(Files.newOutputStream(idx.resolve(idxPrefix + "-labels-idx1-ubyte")))) {
            images.writeInt(0x803); images.writeInt(n); images.writeInt(h); images.writeInt(w);
            labels.writeInt(0x801); labels.writeInt(n);
            for (int i = 0; i < n; i++) {
                d.copySample(i, px, 0);
                BufferedImage g = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
                for (int j = 0; j < h * w; j++) {
                    int b = Math.round(px[j] * 255);
                    images.writeByte(b);
                    g.getRaster().setSample(j % w, j / w, 0, b);
                }
                labels.writeByte(d.label(i));
                // <class>/<zero-padded index>.png: the folder keeps the IDX order (samples sort by file name).
                Path file = Files.createDirectories(png.resolve(folder).resolve(String.valueOf(d.label(i)))).resolve(String.format("%05d.png", i));
                assertTrue(ImageIO.write(g, "png", file.toFile()));
            }
        }
    }

    private static CliRun train(String data, Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--data", data, "--epochs", "1", "--batch-size", "32",
                "--device", "cpu", "--seed", "7", "--out", out.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** history.csv without the timing columns (seconds, images_per_second). */
    private static String numbers(Path run) throws Exception {
        StringBuilder b = new StringBuilder();
        for (String line : Files.readAllLines(run.resolve("history.csv"))) {
            String[] f = line.split(",");
            b.append(String.join(",", List.of(f).subList(0, 6))).append('\n');
        }
        return b.toString();
    }

    @Test
    void aPngFolderTrainsAndEvaluatesToTheSameNumbersAsTheIdxFiles() throws Exception {
        CliRun fromIdx = train(idx.toString(), tmp.resolve("run-idx"));
        assertEquals(0, fromIdx.exitCode(), fromIdx.err());
        CliRun fromPng = train(png.toString(), tmp.resolve("run-png"));
        assertEquals(0, fromPng.exitCode(), fromPng.err());
        assertEquals(numbers(tmp.resolve("run-idx")), numbers(tmp.resolve("run-png")));
        assertEquals(Files.readString(tmp.resolve("run-idx/test-metrics.json")), Files.readString(tmp.resolve("run-png/test-metrics.json")));

        CliRun evalIdx = CliRun.of("evaluate", "--model", tmp.resolve("run-idx").toString(), "--data", idx.toString(), "--device", "cpu", "--json");
        CliRun evalPng = CliRun.of("evaluate", "--model", tmp.resolve("run-png").toString(), "--data", png.toString(), "--device", "cpu", "--json");
        assertEquals(0, evalPng.exitCode(), evalPng.err());
        assertTrue(evalPng.out().contains("\"accuracy\""), evalPng.out());
        assertEquals(evalIdx.out(), evalPng.out());
    }

    @Test
    void aStreamedPngFolderTrainsAndEvaluatesToTheSameNumbersAsTheIdxFiles() throws Exception {
        CliRun fromIdx = train(idx.toString(), tmp.resolve("run-idx-s"));
        assertEquals(0, fromIdx.exitCode(), fromIdx.err());
        CliRun streamed = train(png.toString(), tmp.resolve("run-stream"), "--stream", "--loader-threads", "3");
        assertEquals(0, streamed.exitCode(), streamed.err());
        assertTrue(streamed.err().contains(png + ": streamed (images decoded batch by batch on 3 loader threads, --stream)"), streamed.err());
        assertTrue(streamed.out().contains("% - ") || streamed.out().contains(" - wait "), streamed.out());
        assertEquals(numbers(tmp.resolve("run-idx-s")), numbers(tmp.resolve("run-stream")));
        assertEquals(Files.readString(tmp.resolve("run-idx-s/test-metrics.json")), Files.readString(tmp.resolve("run-stream/test-metrics.json")));
        List<String> history = Files.readAllLines(tmp.resolve("run-stream/history.csv"));
        assertTrue(history.get(0).endsWith(",data_wait_s"), history.get(0));
        double wait = Double.parseDouble(history.get(1).substring(history.get(1).lastIndexOf(',') + 1));
        assertTrue(wait >= 0, history.get(1));

        CliRun evalIdx = CliRun.of("evaluate", "--model", tmp.resolve("run-idx-s").toString(), "--data", idx.toString(), "--device", "cpu", "--json");
        CliRun evalPng = CliRun.of("evaluate", "--model", tmp.resolve("run-idx-s").toString(), "--data", png.toString(), "--device", "cpu",
                "--json", "--stream", "--loader-threads", "2");
        assertEquals(0, evalPng.exitCode(), evalPng.err());
        assertEquals(evalIdx.out(), evalPng.out());
    }

    /** A PNG whose header declares {@code w × h} pixels and which holds no image data. */
    private static byte[] pngHeader(int w, int h) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        byte[] type = "IHDR".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(type);
        crc.update(ihdr.array());
        out.write(java.nio.ByteBuffer.allocate(4).putInt(13).array());
        out.write(type);
        out.write(ihdr.array());
        out.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        return out.toByteArray();
    }

    @Test
    void streamedHostileFilesGiveOneLineOrAreSkippedAndCounted() throws Exception {
        Path two = twoClassModel();
        Path folder = tmp.resolve("hostile-stream");
        for (String c : new String[] {"a", "b"}) {
            Files.createDirectories(folder.resolve(c));
            for (int i = 0; i < 6; i++) {
                ImageIO.write(new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY), "jpg", folder.resolve(c + "/" + i + ".jpg").toFile());
            }
        }
        Path truncated = folder.resolve("b/3.jpg");
        byte[] jpeg = Files.readAllBytes(truncated);
        Files.write(truncated, java.util.Arrays.copyOf(jpeg, jpeg.length / 2));
        refused(folder.toString(), truncated.toString(), "--validation-split", "0.25", "--stream", "--model", two.toString());

        CliRun skipping = train(folder.toString(), tmp.resolve("run-stream-skip"), "--validation-split", "0.25", "--stream", "--skip-bad",
                "--model", two.toString());
        assertEquals(0, skipping.exitCode(), skipping.err());
        assertTrue(skipping.err().contains("skipped 1 bad file while streaming (--skip-bad), the first: " + truncated), skipping.err());

        Files.write(truncated, pngHeader(100_000, 100_000));
        Files.move(truncated, folder.resolve("b/3.png"));
        refused(folder.toString(), folder.resolve("b/3.png") + ": image of 100000 x 100000 pixels", "--validation-split", "0.25", "--stream",
                "--model", two.toString());
    }

    @Test
    void loaderThreadsOutsideTheirRangeAreAUsageError() {
        for (String n : List.of("-3", "65", "100000")) {
            CliRun r = train(png.resolve("train").toString(), tmp.resolve("run-threads" + n), "--stream", "--loader-threads", n);
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.errorLines().startsWith("convnet: error: --loader-threads must be 0 (one per core) to 64, got " + n + "\n"), r.err());
            assertFalse(Files.exists(tmp.resolve("run-threads" + n)), "no run directory is left for a refused start");
        }
    }

    @Test
    void oneFolderOfClassesTrainsWithAValidationSplitAndCropped() throws Exception {
        Path run = tmp.resolve("run-one");
        CliRun r = train(png.resolve("train").toString(), run, "--validation-split", "0.2", "--resize", "crop");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("test: the held-out validation part"), r.out());
        assertTrue(r.out().contains("240 training samples") || r.out().contains("300 training samples"), r.out());

        CliRun changed = CliRun.of("train", "--resume", run.toString(), "--epochs", "2", "--resize", "stretch", "--device", "cpu");
        assertEquals(1, changed.exitCode());
        assertTrue(changed.errorLines().contains("cannot resume with --resize stretch, the run was started with crop"), changed.err());

        CliRun without = train(png.resolve("train").toString(), tmp.resolve("run-none"));
        assertEquals(1, without.exitCode());
        assertTrue(without.errorLines().startsWith("convnet: error: --data " + png.resolve("train") + " has no test part"), without.err());
    }

    @Test
    void theBundledKaggleCsvTrains() throws Exception {
        Path csv = Files.createDirectories(tmp.resolve("csv"));
        for (String f : new String[] {"train.csv", "test.csv"}) {
            try (InputStream in = BundledData.class.getResourceAsStream("/io/github/convnet4j/testdata/fashion-mnist-csv/" + f)) {
                Files.copy(in, csv.resolve(f));
            }
        }
        Path run = tmp.resolve("run-csv");
        CliRun r = train(csv.toString(), run, "--label-column", "label");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("200 training samples"), r.out());
        assertTrue(r.out().contains("validation (val_*): the test set, 100 samples"), r.out());
        assertTrue(r.err().contains("read as 8-bit pixels"), r.err());

        // The CSV rows are the first 200 training and 100 test images of the IDX files: the same numbers.
        CliRun fromIdx = train(idx.toString(), tmp.resolve("run-idx-200"), "--limit", "200");
        assertEquals(0, fromIdx.exitCode(), fromIdx.err());
        assertEquals(numbers(tmp.resolve("run-idx-200")), numbers(run));

        CliRun single = train(csv.resolve("train.csv").toString(), tmp.resolve("run-csv-file"), "--validation-split", "0.25");
        assertEquals(0, single.exitCode(), single.err());
        assertTrue(single.out().contains("test: the held-out validation part"), single.out());
    }

    private static Path twoClassModel() throws Exception {
        return Files.writeString(tmp.resolve("two.yaml"),
                "input_shape: [1, 28, 28]\nlayers:\n  - {type: Flatten}\n  - {type: Dense, units: 2, activation: softmax}\n");
    }

    // ---- hostile inputs: one line, exit 1, no stack trace ----

    private static void refused(String data, String expectedStart, String... more) {
        CliRun r = train(data, tmp.resolve("never-" + Math.abs(data.hashCode() + java.util.Arrays.hashCode(more))), more);
        assertEquals(1, r.exitCode(), r.out() + r.err());
        // A streamed folder meets a bad file during training: after the notes that it streams and which device
        // trains; the error is the one line after them.
        String lines = r.errorLines().lines().filter(l -> !l.startsWith(data + ": streamed (") && !l.startsWith("device: "))
                .reduce("", (x, y) -> x + y + "\n");
        assertEquals(1, lines.lines().count(), lines);
        assertTrue(lines.startsWith("convnet: error: " + expectedStart), lines);
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void hostileFoldersAndCsvsGiveOneLine() throws Exception {
        Path empty = tmp.resolve("hostile-empty");
        Files.createDirectories(empty.resolve("a"));
        Files.createDirectories(empty.resolve("b"));
        ImageIO.write(new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY), "png", empty.resolve("a/1.png").toFile());
        refused(empty.toString(), empty.resolve("b") + ": empty class folder", "--validation-split", "0.5");

        Path text = tmp.resolve("hostile-text");
        for (String c : new String[] {"a", "b"}) {
            Files.createDirectories(text.resolve(c));
            for (int i = 0; i < 2; i++) ImageIO.write(new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY), "png", text.resolve(c + "/" + i + ".png").toFile());
        }
        Files.writeString(text.resolve("a/readme.txt"), "hello");
        refused(text.toString(), text.resolve("a/readme.txt") + ": not a PNG, JPEG or BMP file", "--validation-split", "0.5");
        CliRun skipping = train(text.toString(), tmp.resolve("run-skip"), "--validation-split", "0.5", "--skip-bad", "--model", twoClassModel().toString());
        assertEquals(0, skipping.exitCode(), skipping.err());
        assertTrue(skipping.err().contains("skipped 1 bad file (--skip-bad), the first: " + text.resolve("a/readme.txt")), skipping.err());

        StringBuilder header = new StringBuilder("label");
        for (int i = 1; i <= 784; i++) header.append(",pixel").append(i);
        String good = header + "\n1" + ",0".repeat(784) + "\n2" + ",0".repeat(784) + "\n";
        Path ragged = Files.writeString(tmp.resolve("ragged.csv"), header + "\n1" + ",0".repeat(784) + "\n2" + ",0".repeat(783) + "\n");
        refused(ragged.toString(), ragged + " line 3: 784 columns, but line 1 has 785", "--validation-split", "0.5");
        Path word = Files.writeString(tmp.resolve("word.csv"), good.replace("\n2,0,0,", "\n2,0,zero,"));
        refused(word.toString(), word + " line 3, column 3 (pixel2): 'zero' is not a finite number", "--validation-split", "0.5");
    }
}
