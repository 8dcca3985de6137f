package io.github.convnet4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.backend.BackendProvider;
import io.github.convnet4j.backend.BackendRegistry;
import io.github.convnet4j.backend.Probe;
import io.github.convnet4j.conformance.BackendRequirement;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each convolution-family layer of issue 11 trains from the CLI, on {@code cpu} and on
 * {@code opencl}: a one-layer-of-interest spec, one epoch on a small synthetic IDX set whose sample
 * shape the layer takes ((C, H, W) images, (C, L) sequences, (C, D, H, W) volumes). The loss must
 * be finite and the run must write its model. OpenCL is skipped with the probe's reason where
 * absent, unless {@code -Dconvnet.require} names it.
 */
class ConvolutionLayersCliTest {
    @TempDir static Path tmp;

    /** A spec (its layers JSON) and the per-sample data shape it trains on. */
    record Case(String name, int[] sample, String layers) {}

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        String head = "{\"type\": \"Flatten\"}, {\"type\": \"Dense\", \"units\": 3, \"activation\": \"softmax\"}";
        c.add(new Case("DepthwiseConv2D", new int[] {2, 10, 10},
                "{\"type\": \"DepthwiseConv2D\", \"kernel_size\": 3, \"depth_multiplier\": 2, \"activation\": \"relu\"}, " + head));
        c.add(new Case("SeparableConv2D", new int[] {2, 10, 10},
                "{\"type\": \"SeparableConv2D\", \"filters\": 4, \"kernel_size\": 3, \"strides\": 2, \"padding\": \"same\", \"activation\": \"relu\"}, " + head));
        c.add(new Case("Conv2DTranspose", new int[] {2, 5, 5},
                "{\"type\": \"Conv2DTranspose\", \"filters\": 3, \"kernel_size\": 3, \"strides\": 2, \"padding\": \"same\", \"activation\": \"relu\"}, " + head));
        c.add(new Case("UpSampling2D", new int[] {1, 4, 4},
                "{\"type\": \"UpSampling2D\", \"size\": 2}, {\"type\": \"Conv2D\", \"filters\": 2, \"kernel_size\": 3}, " + head));
        c.add(new Case("Conv1D", new int[] {3, 16},
                "{\"type\": \"Conv1D\", \"filters\": 4, \"kernel_size\": 3, \"padding\": \"causal\", \"activation\": \"relu\"}, "
                        + "{\"type\": \"MaxPooling1D\"}, {\"type\": \"AveragePooling1D\", \"padding\": \"same\"}, " + head));
        c.add(new Case("GlobalPooling1D", new int[] {3, 12},
                "{\"type\": \"Conv1D\", \"filters\": 4, \"kernel_size\": 3}, {\"type\": \"GlobalMaxPooling1D\"}, "
                        + "{\"type\": \"Dense\", \"units\": 3, \"activation\": \"softmax\"}"));
        c.add(new Case("GlobalAveragePooling1D", new int[] {3, 12},
                "{\"type\": \"GlobalAveragePooling1D\"}, {\"type\": \"Dense\", \"units\": 3, \"activation\": \"softmax\"}"));
        c.add(new Case("Conv3D", new int[] {1, 6, 6, 6},
                "{\"type\": \"Conv3D\", \"filters\": 3, \"kernel_size\": 3, \"padding\": \"same\", \"activation\": \"relu\"}, "
                        + "{\"type\": \"MaxPooling3D\"}, {\"type\": \"AveragePooling3D\", \"pool_size\": [1, 2, 2]}, " + head));
        c.add(new Case("GlobalPooling3D", new int[] {2, 4, 5, 4},
                "{\"type\": \"Conv3D\", \"filters\": 3, \"kernel_size\": 2}, {\"type\": \"GlobalAveragePooling3D\"}, "
                        + "{\"type\": \"Dense\", \"units\": 3, \"activation\": \"softmax\"}"));
        c.add(new Case("GlobalMaxPooling3D", new int[] {2, 4, 5, 4},
                "{\"type\": \"GlobalMaxPooling3D\"}, {\"type\": \"Dense\", \"units\": 3, \"activation\": \"softmax\"}"));
        c.add(new Case("GlobalMaxPooling2D", new int[] {2, 6, 6},
                "{\"type\": \"GlobalMaxPooling2D\"}, {\"type\": \"Dense\", \"units\": 3, \"activation\": \"softmax\"}"));
        return c;
    }

    @TestFactory
    Stream<DynamicTest> eachLayerTrainsOnCpuAndOpenCl() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            for (String device : List.of("cpu", "opencl")) {
                tests.add(DynamicTest.dynamicTest(c.name() + " on " + device, () -> train(c, device)));
            }
        }
        return tests.stream();
    }

    private static void train(Case c, String device) throws Exception {
        if (!device.equals("cpu")) requireDevice(device);
        Path data = writeData(c);
        Path spec = tmp.resolve(c.name() + ".json");
        StringBuilder shape = new StringBuilder();
        for (int d : c.sample()) shape.append(shape.length() == 0 ? "" : ", ").append(d);
        Files.writeString(spec, "{\"name\": \"" + c.name() + "\", \"input_shape\": [" + shape + "], \"layers\": [" + c.layers() + "]}");
        Path run = tmp.resolve("run-" + c.name() + "-" + device);
        CliRun r = CliRun.of("train", "--model", spec.toString(), "--data", data.toString(), "--epochs", "1", "--batch-size", "8",
                "--device", device, "--out", run.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("Epoch 1/1"), r.out());
        assertTrue(!r.out().contains("NaN"), r.out());
        assertTrue(Files.isRegularFile(run.resolve("model.safetensors")), "model.safetensors missing: " + r.out());
    }

    private static void requireDevice(String device) {
        BackendProvider p = BackendRegistry.discover().provider(device);
        Probe probe = p == null ? null : p.probe();
        boolean available = probe != null && probe.available();
        String why = p == null ? "no " + device + " provider" : probe.reason();
        BackendRequirement.assume(device, available, device + " is unavailable: " + why);
    }

    /** 48 training and 24 test samples of three classes, each a class-specific pattern plus noise, as IDX files. */
    private static Path writeData(Case c) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("data-" + c.name()));
        int size = 1;
        for (int d : c.sample()) size *= d;
        Random rnd = new Random(11);
        for (String[] set : new String[][] {{"train", "48"}, {"t10k", "24"}}) {
            int n = Integer.parseInt(set[1]);
            byte[] images = new byte[n * size];
            byte[] labels = new byte[n];
            for (int i = 0; i < n; i++) {
                labels[i] = (byte) (i % 3);
                for (int j = 0; j < size; j++) {
                    int signal = (j % 3 == i % 3) ? 160 : 40;
                    images[i * size + j] = (byte) Math.min(255, signal + rnd.nextInt(60));
                }
            }
            int[] dims = new int[c.sample().length + 1];
            dims[0] = n;
            System.arraycopy(c.sample(), 0, dims, 1, c.sample().length);
            writeIdx(dir.resolve(set[0] + "-images-idx3-ubyte"), dims, images);
            writeIdx(dir.resolve(set[0] + "-labels-idx1-ubyte"), new int[] {n}, labels);
        }
        return dir;
    }

    private static void writeIdx(Path file, int[] dims, byte[] data) throws Exception {
        try (OutputStream o = Files.newOutputStream(file); DataOutputStream out = new DataOutputStream(o)) {
            out.writeInt(0x0800 | dims.length);   // unsigned bytes, then the number of dimensions
            for (int d : dims) out.writeInt(d);
            out.write(data);
        }
    }
}
