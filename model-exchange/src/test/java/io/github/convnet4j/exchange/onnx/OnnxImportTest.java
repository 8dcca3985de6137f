package io.github.convnet4j.exchange.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.convnet4j.cpu.CpuBackend;
import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.exchange.onnx.proto.OnnxProto.ModelProto;
import io.github.convnet4j.model.LayerSpec;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.model.Presets;
import io.github.convnet4j.persist.HostCopies;
import io.github.convnet4j.tensor.DType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ONNX files written by PyTorch, and by our own export, import and compute what their writer computed. */
class OnnxImportTest {
    @TempDir Path dir;

    private static Model open(OnnxImporter.Result r) throws IOException {
        Model m = Model.of(r.model().spec());
        m.build(new CpuBackend(), DType.F32, 0);
        r.model().copyInto(m);
        return m;
    }

    private static void assertClose(float[] expected, float[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": output size");
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Math.abs(expected[i] - actual[i]) <= tolerance,
                    what + ": value " + i + " is " + actual[i] + " here, " + expected[i] + " expected (tolerance " + tolerance + ")");
        }
    }

    @Test
    void pytorchKerasMnistImportsAndEvaluatesToPytorchsAccuracy() throws Exception {
        OnnxImporter.Result r = OnnxImporter.read(TorchFixtures.copy("keras_mnist.onnx", dir));
        List<String> types = r.model().spec().layers().stream().map(LayerSpec::type).toList();
        assertEquals(List.of("Conv2D", "ReLU", "MaxPooling2D", "Conv2D", "ReLU", "MaxPooling2D", "Conv2D", "ReLU",
                "Flatten", "Dense", "ReLU", "Dense", "Softmax"), types);
        JsonNode torch = TorchFixtures.summary();
        Dataset test = ExchangeFixtures.fashionTest();
        assertEquals(torch.get("test_images").asInt(), test.size());
        try (Model m = open(r)) {
            float[] p = ExchangeFixtures.predict(m, test.images(), test.size());
            int correct = 0;
            for (int i = 0; i < test.size(); i++) {
                int best = 0;
                for (int k = 1; k < 10; k++) if (p[i * 10 + k] > p[i * 10 + best]) best = k;
                if (best == test.label(i)) correct++;
            }
            // Float32 sums in another order may flip a prediction sitting on a tie; none did when this was written.
            int expected = torch.get("keras_mnist_correct").asInt();
            assertTrue(Math.abs(correct - expected) <= 2, "PyTorch classifies " + expected + " of 10,000 correctly, the import " + correct);
            int probe = torch.get("probe_images").asInt();
            assertClose(TorchFixtures.floats(torch.get("keras_mnist_probe_output")), java.util.Arrays.copyOf(p, probe * 10), 1e-5, "keras_mnist");
        }
    }

    @Test
    void pytorchNetWithSymmetricStridedPaddingAndPoolsImportsExactly() throws Exception {
        OnnxImporter.Result r = OnnxImporter.read(TorchFixtures.copy("features.onnx", dir));
        Map<String, Object> first = r.model().spec().layers().get(0).config();
        assertEquals(List.of(1, 1, 1, 1), first.get("padding"), "PyTorch's padding=1 stays symmetric");
        JsonNode torch = TorchFixtures.summary();
        int probe = torch.get("probe_images").asInt();
        try (Model m = open(r)) {
            float[] p = ExchangeFixtures.predict(m, ExchangeFixtures.images(m.inputShape(), probe), probe);
            assertClose(TorchFixtures.floats(torch.get("features_probe_output")), p, 1e-5, "features");
        }
    }

    /** Every layer type except ResidualBlock (its Add makes the graph a DAG) and softmax over an image. */
    static ModelSpec roundTripSpec() {
        List<LayerSpec> layers = ExchangeFixtures.everyLayer().layers().stream()
                .filter(l -> !l.type().equals("ResidualBlock") && !(l.type().equals("Activation") && "softmax".equals(l.config().get("activation"))))
                .toList();
        return ModelSpec.of("round-trip", ExchangeFixtures.everyLayer().inputShape(), layers);
    }

    @Test
    void ourExportImportsBackToTheSameOutputs() throws Exception {
        for (ModelSpec spec : List.of(roundTripSpec(), ExchangeFixtures.globalPooling(), Presets.get("keras-mnist"), Presets.get("lenet5"))) {
            try (Model original = ExchangeFixtures.built(spec, 5)) {
                ModelProto proto = OnnxExporter.toProto(spec, HostCopies.download(original.parameters()));
                OnnxImporter.Result r = OnnxImporter.convert(proto, spec.name(), spec.name());
                int n = 8;
                float[] images = ExchangeFixtures.images(original.inputShape(), n);
                try (Model imported = open(r)) {
                    assertClose(ExchangeFixtures.predict(original, images, n), ExchangeFixtures.predict(imported, images, n), 1e-6, spec.name());
                }
            }
        }
    }

    @Test
    void aResidualBlockIsRefusedNamingTheNode() {
        ModelSpec spec = Presets.get("resnet-small");
        try (Model m = ExchangeFixtures.built(spec, 1)) {
            ModelProto proto = OnnxExporter.toProto(spec, HostCopies.download(m.parameters()));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxImporter.convert(proto, "r", "r"));
            assertTrue(e.getMessage().startsWith("node residual_block_1/add (Add): operator Add is not supported (supported: Conv, "), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
        }
    }
}
