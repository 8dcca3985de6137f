package io.github.convnet4j.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.convnet4j.cpu.CpuBackend;
import io.github.convnet4j.exchange.onnx.ExchangeFixturesAccess;
import io.github.convnet4j.io.SafeTensors;
import io.github.convnet4j.model.LayerSpec;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.model.Presets;
import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.persist.HostCopies;
import io.github.convnet4j.persist.PlainWeights;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.HostTensor;
import io.github.convnet4j.tensor.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PyTorch state_dicts saved as plain safetensors load as {@code --weights}: names inferred from shapes or mapped, dtypes converted. */
class PlainWeightsTest {
    @TempDir Path dir;

    private Path fixture(String name) throws IOException {
        try (InputStream in = PlainWeightsTest.class.getResourceAsStream("/torch/" + name)) {
            Path p = dir.resolve(name);
            Files.copy(in, p);
            return p;
        }
    }

    private static Model built(ModelSpec spec) {
        Model m = Model.of(spec);
        m.build(new CpuBackend(), DType.F32, 1);
        return m;
    }

    @Test
    void pytorchKerasMnistStateDictLoadsByShapeAndComputesAsInPytorch() throws Exception {
        JsonNode torch = new com.fasterxml.jackson.databind.ObjectMapper().readTree(PlainWeightsTest.class.getResourceAsStream("/torch/torch_models.json"));
        Path file = fixture("keras_mnist.safetensors");
        assertTrue(PlainWeights.isPlain(file));
        try (Model m = built(Presets.get("keras-mnist"))) {
            PlainWeights.Report r = PlainWeights.load(m, file, null);
            assertEquals(List.of("conv2d_1/kernel <- features.0.weight", "conv2d_1/bias <- features.0.bias",
                    "conv2d_2/kernel <- features.3.weight", "conv2d_2/bias <- features.3.bias",
                    "conv2d_3/kernel <- features.6.weight", "conv2d_3/bias <- features.6.bias",
                    "dense_1/kernel <- classifier.1.weight", "dense_1/bias <- classifier.1.bias",
                    "dense_2/kernel <- classifier.3.weight", "dense_2/bias <- classifier.3.bias"), r.matched());
            assertEquals(List.of(), r.converted());
            assertEquals(List.of(), r.skipped());
            // Same weights, same outputs: PyTorch's softmax on the first test images (the import test checks all 10,000).
            int probe = torch.get("probe_images").asInt();
            float[] p = ExchangeFixturesAccess.predict(m, ExchangeFixturesAccess.images(m.inputShape(), probe), probe);
            JsonNode expected = torch.get("keras_mnist_probe_output");
            assertEquals(expected.size(), p.length);
            for (int i = 0; i < p.length; i++) {
                assertTrue(Math.abs(p[i] - expected.get(i).asDouble()) <= 1e-5, "output " + i + ": " + p[i] + " here, " + expected.get(i) + " in PyTorch");
            }
        }
    }

    /** PyTorch's Features net (test-data/scripts/make_torch_models.py) with its batch norms, as our layers. */
    private static ModelSpec features() {
        return ModelSpec.of("features", Shape.of(1, 28, 28), List.of(
                LayerSpec.of("Conv2D", "filters", 8, "kernel_size", 3, "strides", 2, "padding", 1),
                LayerSpec.of("BatchNormalization", "epsilon", 1e-5),
                LayerSpec.of("ReLU"),
                LayerSpec.of("Conv2D", "filters", 16, "kernel_size", 3, "padding", 1, "use_bias", false),
                LayerSpec.of("BatchNormalization", "epsilon", 1e-5),
                LayerSpec.of("LeakyReLU", "alpha", 0.2),
                LayerSpec.of("AveragePooling2D", "pool_size", 2),
                LayerSpec.of("MaxPooling2D", "pool_size", 3, "strides", 2, "padding", "same"),
                LayerSpec.of("Dropout", "rate", 0.25),
                LayerSpec.of("Flatten"),
                LayerSpec.of("Dense", "units", 32, "activation", "tanh"),
                LayerSpec.of("Dense", "units", 10, "activation", "softmax")));
    }

    @Test
    void f64F16Bf16AreConvertedAndI64CountersIgnored() throws Exception {
        JsonNode torch = new com.fasterxml.jackson.databind.ObjectMapper().readTree(PlainWeightsTest.class.getResourceAsStream("/torch/torch_models.json"));
        Path file = fixture("features.safetensors");
        try (Model m = built(features())) {
            PlainWeights.Report r = PlainWeights.load(m, file, null);
            assertEquals(15, r.matched().size(), String.join("\n", r.matched()));
            assertTrue(r.matched().contains("batch_normalization_2/moving_variance <- features.4.running_var"), r.matched().toString());
            JsonNode dtypes = torch.get("features_stored_dtypes");
            long notF32 = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = dtypes.fields(); it.hasNext(); ) {
                String d = it.next().getValue().asText();
                if (!d.equals("F32") && !d.equals("I64")) notF32++;
            }
            assertEquals(notF32, r.converted().size(), r.converted().toString());
            assertTrue(r.converted().contains("features.0.weight: " + dtypes.get("features.0.weight").asText() + " -> F32"), r.converted().toString());
            assertEquals(List.of("features.1.num_batches_tracked: I64 bookkeeping, ignored", "features.4.num_batches_tracked: I64 bookkeeping, ignored"),
                    r.skipped());
            // The converted values are exactly what PyTorch's .to(float32) gives.
            Map<String, String> ours = new LinkedHashMap<>();
            r.matched().forEach(line -> ours.put(line.split(" <- ")[1], line.split(" <- ")[0]));
            int checked = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = torch.get("features_as_float32").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Parameter p = m.parameters().stream().filter(q -> q.name().equals(ours.get(e.getKey()))).findFirst().orElseThrow();
                float[] got = HostCopies.download(p.value()).data();
                for (int i = 0; i < got.length; i++) assertEquals((float) e.getValue().get(i).asDouble(), got[i], 0f, e.getKey() + "[" + i + "]");
                checked++;
            }
            assertTrue(checked >= 6, "checked " + checked + " small tensors");
        }
    }

    @Test
    void ambiguousShapesAskForAMapAndTheMapDecides() throws Exception {
        ModelSpec spec = ModelSpec.of("one-conv", Shape.of(1, 8, 8), List.of(
                LayerSpec.of("Conv2D", "filters", 4, "kernel_size", 3), LayerSpec.of("Flatten"), LayerSpec.of("Dense", "units", 2)));
        Map<String, HostTensor> t = new LinkedHashMap<>();
        t.put("a.weight", new HostTensor(Shape.of(4, 1, 3, 3), new float[36]));
        t.put("a.bias", new HostTensor(Shape.of(4), new float[] {1, 1, 1, 1}));
        t.put("b.weight", new HostTensor(Shape.of(4, 1, 3, 3), new float[36]));
        t.put("b.bias", new HostTensor(Shape.of(4), new float[] {2, 2, 2, 2}));
        Path file = dir.resolve("two.safetensors");
        SafeTensors.write(file, t, Map.of());
        try (Model m = built(spec)) {
            IOException e = assertThrows(IOException.class, () -> PlainWeights.load(m, file, null));
            assertEquals("two.safetensors: layer conv2d_1 (kernel (4, 1, 3, 3)) fits modules a, b; say which with --weights-map FILE "
                    + "({\"conv2d_1\": \"a\", ...})", e.getMessage());
            Path map = dir.resolve("map.json");
            Files.writeString(map, "{\"conv2d_1\": \"b\"}");
            PlainWeights.Report r = PlainWeights.load(m, file, map);
            assertEquals(List.of("conv2d_1/kernel <- b.weight", "conv2d_1/bias <- b.bias"), r.matched());
            assertTrue(r.skipped().containsAll(List.of("dense_1: nothing in two.safetensors fits; keeps its initialization",
                    "a.weight: not used", "a.bias: not used")), r.skipped().toString());
            assertEquals(2f, HostCopies.download(m.parameters().get(1).value()).data()[0]);

            Files.writeString(map, "{\"conv2d_1/bias\": \"c.bias\"}");
            IOException missing = assertThrows(IOException.class, () -> PlainWeights.load(m, file, map));
            assertEquals("two.safetensors: tensor c.bias (mapped to conv2d_1/bias) is not in the file", missing.getMessage());
            Files.writeString(map, "{\"conv9\": \"a\"}");
            assertThrows(IOException.class, () -> PlainWeights.load(m, file, map));
        }
    }
}
