package io.github.convnet4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.convnet4j.data.IdxArray;
import io.github.convnet4j.data.IdxReader;
import io.github.convnet4j.data.ImageLoader;
import io.github.convnet4j.io.SafeTensors;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.tensor.HostTensor;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.util.HeapLimitException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throws seeded, mutated IDX, safetensors, model-spec (JSON and YAML) and PNG inputs at the
 * readers. Every input must either read as a valid result or be refused cleanly: one of the
 * project's own exception types ({@link IOException} from file readers, {@link IllegalArgumentException}
 * from spec validation, {@link HeapLimitException}) with a one-line message. Anything else (a
 * {@code NullPointerException}, an {@code ArrayIndexOutOfBoundsException}, an {@code Error}) fails the
 * test and prints the seed and the input to replay it.
 *
 * <p>{@link #CASES_PER_FORMAT} cases per format ({@code 4 ×} that in all), bounded by
 * {@link #TIME_LIMIT_NANOS}; runs in about 10-20 s on two cores.
 */
class ReaderFuzzTest {
    static final int CASES_PER_FORMAT = 2_500;
    static final long SEED = 0x5EED_F022L;
    static final long TIME_LIMIT_NANOS = 90_000_000_000L;

    @TempDir Path dir;

    private final Random random = new Random(SEED);
    private final long deadline = System.nanoTime() + TIME_LIMIT_NANOS;
    private int ran;

    @Test
    void readersRefuseMutatedInputsCleanly() throws Exception {
        List<byte[]> idx = List.of(idxFile(new int[] {3, 4, 4}), gzip(idxFile(new int[] {3, 4, 4})), idxFile(new int[] {5}), gzip(idxFile(new int[] {2, 1, 3, 3})));
        fuzz("IDX", idx, bytes -> {
            IdxArray a = IdxReader.read(new ByteArrayInputStream(bytes), "fuzz.idx");
            long n = 1;
            for (int d : a.dims()) n *= d;
            assertEquals(n, a.data().length, "a valid IDX result holds product(dims) bytes");
        });

        List<byte[]> st = List.of(safetensors());
        Path stFile = dir.resolve("fuzz.safetensors");
        fuzz("safetensors", st, bytes -> {
            Files.write(stFile, bytes);
            SafeTensors.read(stFile).tensors().forEach((k, t) -> assertEquals(t.shape().size(), t.data().length, k));
        });

        List<byte[]> specs = List.of(SPEC_JSON.getBytes(StandardCharsets.UTF_8), SPEC_YAML.getBytes(StandardCharsets.UTF_8));
        fuzz("spec", specs, bytes -> {
            String text = new String(bytes, StandardCharsets.UTF_8);
            boolean yaml = !text.stripLeading().startsWith("{");
            try (Model m = Model.of(ModelSpec.parse(text, yaml ? "fuzz.yaml" : "fuzz.json"))) {
                assertTrue(m.outputShape().size() > 0);
            }
        });

        List<byte[]> pngs = List.of(png(8, 8, BufferedImage.TYPE_BYTE_GRAY), png(6, 5, BufferedImage.TYPE_INT_ARGB), png(7, 7, BufferedImage.TYPE_BYTE_INDEXED));
        Shape sample = Shape.of(1, 4, 4);
        fuzz("PNG", pngs, bytes -> {
            float[] x = ImageLoader.load(new ByteArrayInputStream(bytes), "fuzz.png", sample, false);
            assertEquals(16, x.length);
            for (float v : x) assertTrue(v >= 0 && v <= 1, "pixel " + v);
        });
        System.out.println("ReaderFuzzTest: " + ran + " mutated inputs, seed " + SEED);
        assertTrue(ran >= 4 * CASES_PER_FORMAT, ran + " cases ran before the time limit; expected " + 4 * CASES_PER_FORMAT);
    }

    @FunctionalInterface
    private interface Reader {
        void read(byte[] input) throws Exception;
    }

    private void fuzz(String format, List<byte[]> seeds, Reader reader) throws Exception {
        // The seeds themselves must read: otherwise only error paths would be exercised.
        for (byte[] seed : seeds) reader.read(seed);
        long start = System.nanoTime();
        for (int i = 0; i < CASES_PER_FORMAT && System.nanoTime() < deadline; i++) {
            byte[] input = mutate(seeds.get(random.nextInt(seeds.size())), format.equals("spec"));
            try {
                reader.read(input);
            } catch (IOException | IllegalArgumentException | HeapLimitException e) {
                String m = e.getMessage();
                if (m == null || m.isBlank() || m.contains("\n")) {
                    fail(format + " case " + i + ": refusal without a one-line message: " + e + "\ninput: " + show(input), e);
                }
            } catch (Throwable t) {
                fail(format + " case " + i + " (seed " + SEED + "): " + t + "\ninput: " + show(input), t);
            }
            ran++;
        }
        System.out.printf("ReaderFuzzTest: %s took %.1f s%n", format, (System.nanoTime() - start) / 1e9);
    }

    /** One to four mutations: bit flips, interesting bytes and ints, cuts, duplicated or inserted runs; text gets text edits too. */
    private byte[] mutate(byte[] seed, boolean text) {
        byte[] b = seed.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            if (b.length == 0) b = new byte[] {(byte) random.nextInt(256)};
            int at = random.nextInt(b.length);
            switch (random.nextInt(text ? 9 : 7)) {
                case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[at] = (byte) new int[] {0, 0xFF, 0x7F, 0x80, 0x01, '"', '{', ']', '\n'}[random.nextInt(9)];
                case 2 -> { // an interesting 32-bit big-endian or little-endian value
                    int v = new int[] {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 30, 65536, 1024, 255}[random.nextInt(8)];
                    ByteBuffer bb = ByteBuffer.wrap(b);
                    if (random.nextBoolean()) bb.order(java.nio.ByteOrder.LITTLE_ENDIAN);
                    if (at + 4 <= b.length) bb.putInt(at, v);
                }
                case 3 -> b = java.util.Arrays.copyOf(b, at); // truncate
                case 4 -> { // duplicate a run
                    int len = Math.min(b.length - at, 1 + random.nextInt(16));
                    byte[] out = new byte[b.length + len];
                    System.arraycopy(b, 0, out, 0, at + len);
                    System.arraycopy(b, at, out, at + len, b.length - at);
                    b = out;
                }
                case 5 -> { // insert random bytes
                    byte[] ins = new byte[1 + random.nextInt(8)];
                    random.nextBytes(ins);
                    b = splice(b, at, 0, ins);
                }
                case 6 -> b = splice(b, at, Math.min(b.length - at, 1 + random.nextInt(8)), new byte[0]); // delete a run
                case 7 -> b = replaceNumber(b, at);
                default -> b = splice(b, at, 0, new String[] {"---\n", ", \"x\": 1", "[", "- ", "&a ", "*a", "!!binary ", "99999999999999999999", "-1", "1e400", ": "}
                        [random.nextInt(11)].getBytes(StandardCharsets.UTF_8));
            }
        }
        return b;
    }

    /** Replaces the first run of digits at or after {@code at} with a boundary value. */
    private byte[] replaceNumber(byte[] b, int at) {
        int start = at;
        while (start < b.length && (b[start] < '0' || b[start] > '9')) start++;
        if (start == b.length) return b;
        int end = start;
        while (end < b.length && b[end] >= '0' && b[end] <= '9') end++;
        String v = new String[] {"0", "2147483647", "2147483648", "4294967295", "18446744073709551620", "65535", "100000000", "3"}[random.nextInt(8)];
        return splice(b, start, end - start, v.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }

    private static String show(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(b.length, 400); i++) s.append(String.format("%02x", b[i] & 0xFF));
        return s + (b.length > 400 ? "... (" + b.length + " bytes)" : "");
    }

    private static byte[] idxFile(int[] dims) {
        int n = 1;
        for (int d : dims) n *= d;
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + n);
        b.putInt(0x800 | dims.length);
        for (int d : dims) b.putInt(d);
        for (int i = 0; i < n; i++) b.put((byte) (i * 37));
        return b.array();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bos)) { out.write(raw); }
        return bos.toByteArray();
    }

    private byte[] safetensors() throws IOException {
        Map<String, HostTensor> t = new LinkedHashMap<>();
        t.put("conv/kernel", new HostTensor(Shape.of(2, 1, 3, 3), new float[18]));
        t.put("conv/bias", new HostTensor(Shape.of(2), new float[] {0.5f, -1}));
        t.put("dense/kernel", new HostTensor(Shape.of(3, 4), new float[12]));
        Path f = dir.resolve("seed.safetensors");
        SafeTensors.write(f, t, Map.of("format", "convnet4j-model", "architecture", "{\"input_shape\": [4]}"));
        return Files.readAllBytes(f);
    }

    private static byte[] png(int w, int h, int type) throws IOException {
        BufferedImage img = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, (x * 40) << 16 | (y * 30) << 8 | 0x40 | (x + y) << 26);
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        ImageIO.write(img, "png", bos);
        return bos.toByteArray();
    }

    private static final String SPEC_JSON = """
            {"name": "fuzz", "input_shape": [1, 12, 12], "layers": [
              {"type": "Conv2D", "filters": 4, "kernel_size": 3, "padding": "same", "strides": 1, "dilation_rate": 1, "activation": "relu",
               "kernel_regularizer": {"l2": 0.0001}},
              {"type": "BatchNormalization"},
              {"type": "MaxPooling2D", "pool_size": 2},
              {"type": "Conv2D", "filters": 2, "kernel_size": [3, 3], "padding": [1, 1, 1, 1]},
              {"type": "Flatten"}, {"type": "Dropout", "rate": 0.25},
              {"type": "Dense", "units": 3, "activation": "softmax"}],
             "class_names": ["a", "b", "c"]}
            """;

    private static final String SPEC_YAML = """
            name: fuzz
            input_shape: [1, 12, 12]
            layers:
              - {type: Conv2D, filters: 4, kernel_size: 3, padding: same, activation: relu}
              - type: AveragePooling2D
                pool_size: 2
              - {type: ResidualBlock, filters: 4}
              - {type: GlobalAveragePooling2D}
              - {type: Dense, units: 2, activation: sigmoid}
            class_names: [cat, dog]
            """;
}
