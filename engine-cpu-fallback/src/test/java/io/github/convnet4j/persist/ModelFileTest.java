package io.github.convnet4j.persist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.cpu.CpuBackendProvider;
import io.github.convnet4j.io.SafeTensors;
import io.github.convnet4j.io.SafeTensorsFile;
import io.github.convnet4j.model.LayerSpec;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.HostTensor;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import io.github.convnet4j.train.SyntheticData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ModelFileTest {
    @TempDir Path dir;
    private final Backend backend = new CpuBackendProvider().open("");

    @AfterEach void close() { backend.close(); }

    private Model built(ModelSpec spec, long seed) {
        Model m = Model.of(spec);
        m.build(backend, DType.F32, seed);
        return m;
    }

    private static void assertSameBits(Model a, Model b) {
        Map<String, HostTensor> x = HostCopies.download(a.parameters()), y = HostCopies.download(b.parameters());
        assertEquals(x.keySet(), y.keySet());
        for (String k : x.keySet()) {
            float[] p = x.get(k).data(), q = y.get(k).data();
            assertEquals(p.length, q.length, k);
            for (int i = 0; i < p.length; i++) assertEquals(Float.floatToRawIntBits(p[i]), Float.floatToRawIntBits(q[i]), k + "[" + i + "]");
        }
    }

    @Test void roundTripRestoresSpecAndEveryWeight() throws IOException {
        ModelSpec spec = SyntheticData.smallConvNet(4);
        Path file = dir.resolve("model.safetensors");
        try (Model a = built(spec, 1); Model b = built(spec, 2)) {
            // Make the batch-norm statistics non-trivial too, so state tensors are really carried.
            for (Parameter p : a.parameters()) if (!p.trainable()) backend.elementwise().fill(p.value(), 0.375);
            ModelFile.save(a, file);
            LoadedModel loaded = ModelFile.load(file);
            assertEquals(spec, loaded.spec());
            assertEquals(spec.toJson(), loaded.spec().toJson());
            loaded.copyInto(b);
            assertSameBits(a, b);
            try (Model c = ModelFile.open(file, backend, DType.F32)) {
                assertSameBits(a, c);
            }
        }
    }

    @Test void fileIsPlainSafetensorsNamedByParameter() throws IOException {
        Path file = dir.resolve("model.safetensors");
        try (Model a = built(SyntheticData.smallConvNet(4), 1)) {
            ModelFile.save(a, file);
            SafeTensorsFile st = SafeTensors.read(file);
            assertEquals("convnet4j-model", st.metadata().get("format"));
            assertEquals("1", st.metadata().get("format_version"));
            assertTrue(st.metadata().get("architecture").startsWith("{"));
            List<String> names = a.parameters().stream().map(Parameter::name).toList();
            assertEquals(names, List.copyOf(st.tensors().keySet()));
            for (Parameter p : a.parameters()) assertEquals(p.value().shape(), st.tensors().get(p.name()).shape(), p.name());
            // Convolution kernels keep (K, C, R, S), PyTorch's layout.
            assertEquals(Shape.of(4, 1, 3, 3), st.tensors().get(names.get(0)).shape());
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary files left behind");
        }
    }

    @Test void corruptFileGivesOneLineErrorNamingIt() throws IOException {
        Path file = dir.resolve("model.safetensors");
        try (Model a = built(SyntheticData.smallConvNet(4), 1)) {
            ModelFile.save(a, file);
        }
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.safetensors");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 7));
        assertOneLineError(() -> ModelFile.load(truncated), "truncated.safetensors");
        Path garbage = dir.resolve("garbage.safetensors");
        Files.writeString(garbage, "this is not a model");
        assertOneLineError(() -> ModelFile.load(garbage), "garbage.safetensors");
        assertOneLineError(() -> ModelFile.load(dir.resolve("absent.safetensors")), "absent.safetensors");
    }

    @Test void wrongFormatMissingExtraAndMisshapedTensorsAreNamed() throws IOException {
        ModelSpec spec = SyntheticData.smallConvNet(4);
        Path file = dir.resolve("m.safetensors");
        try (Model a = built(spec, 1); Model b = built(spec, 2)) {
            Map<String, HostTensor> weights = HostCopies.download(a.parameters());
            Map<String, String> meta = Map.of("format", "convnet4j-model", "format_version", "1", "architecture", spec.toJson());

            SafeTensors.write(file, weights, Map.of("format", "something-else"));
            assertOneLineError(() -> ModelFile.load(file), "not a convnet4j model file");
            SafeTensors.write(file, weights, Map.of("format", "convnet4j-model", "format_version", "9", "architecture", spec.toJson()));
            assertOneLineError(() -> ModelFile.load(file), "format_version 9");
            SafeTensors.write(file, weights, Map.of("format", "convnet4j-model", "format_version", "1", "architecture", "{\"layers\": 3}"));
            assertOneLineError(() -> ModelFile.load(file), "invalid architecture");

            String first = a.parameters().get(0).name();
            Map<String, HostTensor> missing = new LinkedHashMap<>(weights);
            missing.remove(first);
            SafeTensors.write(file, missing, meta);
            assertOneLineError(() -> ModelFile.loadInto(b, file), "missing tensor " + first);

            Map<String, HostTensor> extra = new LinkedHashMap<>(weights);
            extra.put("ghost/kernel", new HostTensor(Shape.of(2), new float[2]));
            SafeTensors.write(file, extra, meta);
            assertOneLineError(() -> ModelFile.loadInto(b, file), "unexpected tensor ghost/kernel");

            Map<String, HostTensor> misshaped = new LinkedHashMap<>(weights);
            misshaped.put(first, new HostTensor(Shape.of(36), new float[36]));
            SafeTensors.write(file, misshaped, meta);
            IOException e = assertOneLineError(() -> ModelFile.loadInto(b, file), "tensor " + first + " has shape (36,)");
            assertTrue(e.getMessage().contains("(4, 1, 3, 3)"), e.getMessage());
            // A failed load leaves the target as it was.
            // (The dense kernel comes after the bad tensor; were uploads done before checking, it would now equal a's.)
            Map<String, HostTensor> after = HostCopies.download(b.parameters());
            String dense = a.parameters().stream().map(Parameter::name).filter(n -> n.startsWith("dense") && n.endsWith("kernel")).findFirst().orElseThrow();
            assertNotEquals(Float.floatToRawIntBits(after.get(dense).data()[0]), Float.floatToRawIntBits(weights.get(dense).data()[0]));
        }
    }

    @Test void transferCopiesMatchingLayersOnly() throws IOException {
        Path file = dir.resolve("source.safetensors");
        try (Model source = built(SyntheticData.smallConvNet(4), 1); Model target = built(SyntheticData.smallConvNet(3), 2)) {
            ModelFile.save(source, file);
            Map<String, HostTensor> targetBefore = HostCopies.download(target.parameters());
            String conv = source.parameters().get(0).name();
            String convLayer = conv.substring(0, conv.lastIndexOf('/'));
            TransferReport r = ModelFile.loadMatchingWeights(target, file, Set.of(convLayer));
            Map<String, HostTensor> src = HostCopies.download(source.parameters()), after = HostCopies.download(target.parameters());
            for (String name : r.copied()) {
                assertEquals(Float.floatToRawIntBits(src.get(name).data()[0]), Float.floatToRawIntBits(after.get(name).data()[0]), name);
            }
            // The dense head differs in shape (4 vs 3 classes), the conv layer was skipped on request.
            for (Parameter p : target.parameters()) {
                boolean head = p.name().startsWith("dense");
                boolean skippedConv = p.name().startsWith(convLayer + "/");
                assertEquals(!head && !skippedConv, r.copied().contains(p.name()), p.name());
                if (head || skippedConv) {
                    assertEquals(Float.floatToRawIntBits(targetBefore.get(p.name()).data()[0]),
                            Float.floatToRawIntBits(after.get(p.name()).data()[0]), p.name() + " kept its initialization");
                }
            }
            assertTrue(r.skipped().stream().anyMatch(s -> s.startsWith("dense") && s.contains("shape")), r.skipped().toString());
            assertTrue(r.skipped().stream().anyMatch(s -> s.contains("skipped on request")), r.skipped().toString());
            assertFalse(r.copied().isEmpty());
            assertTrue(r.unused().stream().allMatch(s -> s.startsWith("dense") || s.startsWith(convLayer + "/")), r.unused().toString());
        }
    }

    private static List<String> named(Model m, String layer) {
        return m.parameters().stream().map(Parameter::name).filter(n -> n.startsWith(layer + "/")).toList();
    }

    /**
     * Source: smallConvNet(4) (conv2d_1, batch_normalization_1, dense_1 with 4 units). Target: the
     * same trunk, dense_1 with 4 units (same shapes as the source's) and a new dense_2. conv2d_1 is
     * skipped on request, dense_2 is not in the source, so the source's conv2d_1 tensors go unused.
     */
    @Test void eachParameterIsCopiedSkippedOrMissingAndTheRestOfTheSourceIsUnused() throws IOException {
        Path file = dir.resolve("source.safetensors");
        ModelSpec targetSpec = ModelSpec.of("target", Shape.of(1, 8, 8), List.of(
                LayerSpec.of("Conv2D", "filters", 4, "kernel_size", 3, "activation", "relu"),
                LayerSpec.of("BatchNormalization"),
                LayerSpec.of("MaxPooling2D", "pool_size", 2),
                LayerSpec.of("Flatten"),
                LayerSpec.of("Dense", "units", 4, "activation", "relu"),
                LayerSpec.of("Dense", "units", 3, "activation", "softmax")));
        try (Model source = built(SyntheticData.smallConvNet(4), 1); Model target = built(targetSpec, 2)) {
            // Batch-norm statistics that differ from a fresh layer's, so copying them is visible.
            for (Parameter p : source.parameters()) if (!p.trainable()) backend.elementwise().fill(p.value(), 0.375);
            ModelFile.save(source, file);
            Map<String, HostTensor> src = HostCopies.download(source.parameters());
            Map<String, HostTensor> before = HostCopies.download(target.parameters());

            TransferReport r = ModelFile.loadMatchingWeights(target, file, Set.of("conv2d_1"));

            List<String> copied = new ArrayList<>(named(target, "batch_normalization_1"));
            copied.addAll(named(target, "dense_1"));
            assertEquals(copied, r.copied());
            List<String> skipped = new ArrayList<>();
            for (String n : named(target, "conv2d_1")) skipped.add(n + ": layer conv2d_1 skipped on request");
            for (String n : named(target, "dense_2")) skipped.add(n + ": not in source.safetensors");
            assertEquals(skipped, r.skipped());
            assertEquals(named(source, "conv2d_1"), r.unused());

            Map<String, HostTensor> after = HostCopies.download(target.parameters());
            for (Parameter p : target.parameters()) {
                float[] expected = (copied.contains(p.name()) ? src : before).get(p.name()).data();
                assertArrayEquals(expected, after.get(p.name()).data(), p.name());
            }
        }
    }

    @Test void aFileWithoutFormatSaysTheFormatIsMissing() throws IOException {
        Path file = dir.resolve("plain.safetensors");
        SafeTensors.write(file, Map.of("w", new HostTensor(Shape.of(2), new float[] {1, 2})), Map.of());
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(file));
        assertEquals(file + ": not a convnet4j model file (format missing, expected 'convnet4j-model')", e.getMessage());
    }

    @Test void theLayerOfAParameterIsEverythingBeforeTheLastSlash() {
        assertEquals("block/conv", ModelFile.layerOf("block/conv/kernel"));
        assertEquals("dense_1", ModelFile.layerOf("dense_1/bias"));
        assertEquals("noslash", ModelFile.layerOf("noslash"));
        assertEquals("", ModelFile.layerOf("/kernel"));
    }

    @Test void float64TensorsAreDownloadedNarrowedToFloat() {
        try (Tensor t = backend.allocate(Shape.of(3), DType.F64)) {
            backend.upload(new double[] {0.1, -2.5, 1e-40}, 0, t);
            HostTensor h = HostCopies.download(t);
            assertEquals(Shape.of(3), h.shape());
            assertArrayEquals(new float[] {(float) 0.1, -2.5f, (float) 1e-40}, h.data());
        }
    }

    @Test void anUploadOfAnotherShapeIsRefusedNamingBoth() {
        try (Tensor t = backend.allocate(Shape.of(2, 2))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> HostCopies.upload(new HostTensor(Shape.of(4), new float[4]), t));
            assertEquals("cannot upload (4,) into " + t, e.getMessage());
        }
    }

    public interface IoAction { void run() throws IOException; }

    public static IOException assertOneLineError(IoAction action, String fragment) {
        IOException e = assertThrows(IOException.class, action::run);
        assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' should contain '" + fragment + "'");
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }
}
