package io.github.convnet4j.cli;

import io.github.convnet4j.io.SafeTensors;
import io.github.convnet4j.io.SafeTensorsFile;
import io.github.convnet4j.persist.ModelFile;
import io.github.convnet4j.tensor.HostTensor;
import io.github.convnet4j.tensor.Shape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The hostile inputs of issue 16, made in a temp directory (bounded in size) and run through the
 * CLI one after another in this JVM, which {@link HostileInputsTest} starts with {@code -Xmx256m}.
 * Prints one line per case: {@code name TAB exit-code TAB milliseconds TAB base64(stderr)}.
 */
final class HostileInputs {
    /** One CLI invocation. */
    record Case(String name, String[] args) {}

    private HostileInputs() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        for (Case c : cases(dir)) {
            long start = System.nanoTime();
            CliRun r = CliRun.of(c.args());
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.println(c.name() + "\t" + r.exitCode() + "\t" + ms + "\t"
                    + Base64.getEncoder().encodeToString(r.err().getBytes(StandardCharsets.UTF_8)));
            if (c.name().equals("tiny-run")) corruptLimit(dir.resolve("run"));
        }
    }

    static List<Case> cases(Path dir) throws Exception {
        List<Case> cases = new ArrayList<>();
        Path model = tinyModel(dir.resolve("tiny.safetensors"), false);

        Path bomb = mnistDir(dir.resolve("bomb"));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bomb.resolve("train-images-idx3-ubyte.gz")), 1 << 16)) {
            out.write(header(3, 1024, 1024, 1024)); // claims 1 GiB; holds 64 MiB of zeros
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) out.write(zeros);
        }
        cases.add(new Case("gzip-bomb", train("--data", bomb.toString())));

        Path trailing = mnistDir(dir.resolve("trailing"));
        Files.write(trailing.resolve("train-images-idx3-ubyte.gz"), concat(gzip(idx(new int[] {20, 28, 28})), "GARBAGE".getBytes()));
        cases.add(new Case("gzip-trailing", train("--data", trailing.toString())));

        Path label200 = mnistDir(dir.resolve("label200"));
        byte[] labels = idx(new int[] {20});
        labels[labels.length - 20] = (byte) 200;
        Files.write(label200.resolve("train-labels-idx1-ubyte.gz"), gzip(labels));
        cases.add(new Case("label-200", train("--data", label200.toString())));

        cases.add(new Case("dense-300000", new String[] {"evaluate", "--device", "cpu", "--model", denseFile(dir, 300_000).toString()}));
        cases.add(new Case("dense-1300000", new String[] {"evaluate", "--device", "cpu", "--model", denseFile(dir, 1_300_000).toString()}));
        cases.add(new Case("batch-1e9", train("--batch-size", "1000000000", "--limit", "100")));
        cases.add(new Case("filters-2^31", summary(spec(dir, "filters.json", "\"filters\": 2147483647, \"kernel_size\": 3"))));
        cases.add(new Case("filters-2^64-json", summary(spec(dir, "big.json", "\"filters\": 18446744073709551620, \"kernel_size\": 3"))));
        cases.add(new Case("filters-2^64-yaml", summary(write(dir.resolve("big.yaml"),
                "input_shape: [1, 28, 28]\nlayers:\n  - {type: Conv2D, filters: 18446744073709551620, kernel_size: 3}\n"))));
        cases.add(new Case("dilation-2^31", summary(spec(dir, "dilation.json", "\"filters\": 4, \"kernel_size\": 3, \"dilation_rate\": 2147483647"))));
        cases.add(new Case("padding-2^31", summary(spec(dir, "padding.json", "\"filters\": 4, \"kernel_size\": 3, \"padding\": 2147483647"))));
        cases.add(new Case("second-yaml-doc", summary(write(dir.resolve("two.yaml"),
                "input_shape: [4]\nlayers:\n  - {type: Dense, units: 2}\n---\ninput_shape: [8]\n"))));
        Path devZero = Path.of("/dev/zero");
        if (Files.exists(devZero)) {
            cases.add(new Case("spec-dev-zero", summary(Files.createSymbolicLink(dir.resolve("zero.yaml"), devZero))));
            cases.add(new Case("class-names-dev-zero", train("--limit", "10", "--class-names",
                    Files.createSymbolicLink(dir.resolve("zero.txt"), devZero).toString())));
        }
        Path fifo = dir.resolve("fifo.yaml");
        if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0) cases.add(new Case("spec-fifo", summary(fifo)));
        cases.add(new Case("spec-bad-utf8", summary(Files.write(dir.resolve("bad.yaml"), "name: s\u00e9\n".getBytes(StandardCharsets.ISO_8859_1)))));
        StringBuilder big = new StringBuilder("input_shape: [4]\nlayers:\n");
        while (big.length() < 16 << 20) big.append("  - {type: Dense, units: 2}\n");
        cases.add(new Case("spec-16mb", summary(write(dir.resolve("huge.yaml"), big.toString()))));
        cases.add(new Case("nan-weights", new String[] {"evaluate", "--device", "cpu", "--model", tinyModel(dir.resolve("nan.safetensors"), true).toString()}));
        cases.add(new Case("header-90mb", summary(bigHeader(dir.resolve("header.safetensors")))));
        cases.add(new Case("png-8192", new String[] {"predict", "--device", "cpu", "--model", model.toString(), png(dir.resolve("huge.png"), 8192, false).toString()}));
        cases.add(new Case("png-8192-rgb", new String[] {"predict", "--device", "cpu", "--model", model.toString(), png(dir.resolve("huge-rgb.png"), 8192, true).toString()}));
        cases.add(new Case("count-0", new String[] {"predict", "--model", model.toString(), "--count", "0", "x.idx"}));
        cases.add(new Case("count--1", new String[] {"predict", "--model", model.toString(), "--count", "-1", "x.idx"}));
        cases.add(new Case("device-tpu", new String[] {"train", "--device", "tpu"}));
        cases.add(new Case("epochs-abc", new String[] {"train", "--epochs", "abc"}));
        Path run = dir.resolve("run");
        cases.add(new Case("tiny-run", train("--data", mnistDir(dir.resolve("small")).toString(), "--limit", "10", "--out", run.toString())));
        cases.add(new Case("checkpoint-limit-abc", new String[] {"train", "--device", "cpu", "--resume", run.toString()}));
        return cases;
    }

    /** Writes the checkpoint of {@code run} with {@code limit: "abc"}; called between the two cases that need it. */
    static void corruptLimit(Path run) throws IOException {
        Path file = run.resolve("checkpoint.safetensors");
        SafeTensorsFile st = SafeTensors.read(file);
        Map<String, String> meta = new LinkedHashMap<>(st.metadata());
        meta.put("train_config", meta.get("train_config").replace("\"limit\":\"10\"", "\"limit\":\"abc\""));
        SafeTensors.write(file, st.tensors(), meta);
    }

    private static String[] train(String... extra) {
        List<String> a = new ArrayList<>(List.of("train", "--device", "cpu", "--epochs", "1"));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    private static String[] summary(Path spec) { return new String[] {"summary", "--model", spec.toString()}; }

    private static Path write(Path p, String text) throws IOException { return Files.writeString(p, text); }

    private static Path spec(Path dir, String name, String conv) throws IOException {
        return write(dir.resolve(name), "{\"input_shape\": [1, 28, 28], \"layers\": [{\"type\": \"Conv2D\", " + conv
                + "}, {\"type\": \"Flatten\"}, {\"type\": \"Dense\", \"units\": 10}]}");
    }

    private static byte[] header(int rank, int... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * rank);
        b.putInt(0x800 | rank);
        for (int d : dims) b.putInt(d);
        return b.array();
    }

    private static byte[] idx(int[] dims) {
        int n = 1;
        for (int d : dims) n *= d;
        byte[] h = header(dims.length, dims);
        byte[] all = java.util.Arrays.copyOf(h, h.length + n);
        for (int i = 0; i < n; i++) all[h.length + i] = (byte) (dims.length == 1 ? i % 10 : i);
        return all;
    }

    /** The four MNIST-layout files, 20 training and 10 test samples. */
    private static Path mnistDir(Path d) throws IOException {
        Files.createDirectories(d);
        Files.write(d.resolve("train-images-idx3-ubyte.gz"), gzip(idx(new int[] {20, 28, 28})));
        Files.write(d.resolve("train-labels-idx1-ubyte.gz"), gzip(idx(new int[] {20})));
        Files.write(d.resolve("t10k-images-idx3-ubyte.gz"), gzip(idx(new int[] {10, 28, 28})));
        Files.write(d.resolve("t10k-labels-idx1-ubyte.gz"), gzip(idx(new int[] {10})));
        return d;
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bos)) { out.write(raw); }
        return bos.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static Map<String, String> modelMeta(String architecture) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", ModelFile.FORMAT);
        meta.put("format_version", ModelFile.FORMAT_VERSION);
        meta.put("architecture", architecture);
        return meta;
    }

    private static String dense(int units) {
        return "{\"name\": \"x\", \"input_shape\": [1, 28, 28], \"layers\": [{\"type\": \"Flatten\"}, {\"type\": \"Dense\", \"units\": " + units + "}]}";
    }

    /** A 230-byte model file whose architecture declares a huge Dense layer and which holds no tensor. */
    private static Path denseFile(Path dir, int units) throws IOException {
        Path f = dir.resolve("dense" + units + ".safetensors");
        SafeTensors.write(f, Map.of(), modelMeta(dense(units)));
        return f;
    }

    /** Flatten + Dense(10) on (1, 28, 28), zero weights (or one NaN). */
    private static Path tinyModel(Path f, boolean nan) throws IOException {
        Map<String, HostTensor> t = new LinkedHashMap<>();
        float[] kernel = new float[10 * 784];
        if (nan) kernel[3] = Float.NaN;
        t.put("dense_1/kernel", new HostTensor(Shape.of(10, 784), kernel));
        t.put("dense_1/bias", new HostTensor(Shape.of(10), new float[10]));
        SafeTensors.write(f, t, modelMeta(dense(10)));
        return f;
    }

    /** A sparse file whose 8-byte prefix claims a 90 MB header (and is long enough to hold it). */
    private static Path bigHeader(Path f) throws IOException {
        long header = 90L << 20;
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header));
            ch.write(ByteBuffer.wrap(new byte[] {'{'}), 8);
            ch.write(ByteBuffer.wrap(new byte[] {'}'}), 8 + header - 1);
        }
        return f;
    }

    /**
     * An {@code n × n} 8-bit grey or RGB PNG, all black: well under 1 MB on disk, {@code n²} (grey)
     * or {@code 3n²} bytes of pixels decoded (an RGB one at 8192 does not fit 256 MB decoded whole).
     */
    private static Path png(Path f, int n, boolean rgb) throws IOException {
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new Deflater(9), 1 << 16)) {
            byte[] row = new byte[(rgb ? 3 : 1) * n + 1]; // filter byte 0, then n black pixels
            for (int y = 0; y < n; y++) z.write(row);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(n).putInt(n).put((byte) 8).put((byte) (rgb ? 2 : 0)).put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return Files.write(f, png.toByteArray());
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
