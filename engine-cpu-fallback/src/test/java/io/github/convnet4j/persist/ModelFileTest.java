package io.github.convnet4j.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.cpu.CpuBackendProvider;
import io.github.convnet4j.io.SafeTensors;
import io.github.convnet4j.io.SafeTensorsFile;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.HostTensor;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.train.SyntheticData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    public interface IoAction { void run() throws IOException; }

    public static IOException assertOneLineError(IoAction action, String fragment) {
        IOException e = assertThrows(IOException.class, action::run);
        assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' should contain '" + fragment + "'");
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }
}
