package io.github.convnet4j.persist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.cpu.CpuBackendProvider;
import io.github.convnet4j.io.SafeTensors;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transfer learning's report, entry by entry, and the host copies everything in persist goes
 * through (float64 tensors are narrowed, mismatched uploads refused).
 */
class TransferAndHostCopiesTest {
    @TempDir Path dir;
    private final Backend backend = new CpuBackendProvider().open("");

    @AfterEach void close() { backend.close(); }

    private Model built(ModelSpec spec, long seed) {
        Model m = Model.of(spec);
        m.build(backend, DType.F32, seed);
        return m;
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
}
