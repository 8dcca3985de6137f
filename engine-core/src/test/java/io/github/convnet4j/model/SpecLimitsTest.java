package io.github.convnet4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.nn.ShapeException;
import io.github.convnet4j.tensor.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sizes in a spec are exact: no wrapped integers, no overflowing geometry, no trailing documents. */
class SpecLimitsTest {
    private static String conv(String extra) {
        return "{\"input_shape\": [1, 28, 28], \"layers\": [{\"type\": \"Conv2D\", \"kernel_size\": 3" + extra
                + "}, {\"type\": \"Flatten\"}, {\"type\": \"Dense\", \"units\": 10}]}";
    }

    @Test
    void integersThatDoNotFitAreRefusedNamingTheKeyInJsonAndYaml() {
        IllegalArgumentException json = assertThrows(IllegalArgumentException.class,
                () -> ModelSpec.parse(conv(", \"filters\": 18446744073709551620"), "m.json"));
        assertEquals("m.json: layer 0: key 'filters': integer 18446744073709551620 is out of range", json.getMessage());
        String yaml = "input_shape: [1, 28, 28]\nlayers:\n  - {type: Conv2D, filters: 18446744073709551620, kernel_size: 3}\n";
        IllegalArgumentException y = assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse(yaml, "m.yaml"));
        assertEquals("m.yaml: layer 0: key 'filters': integer 18446744073709551620 is out of range", y.getMessage());
        IllegalArgumentException nested = assertThrows(IllegalArgumentException.class,
                () -> ModelSpec.parse(conv(", \"filters\": 4, \"kernel_regularizer\": {\"l2\": 99999999999999999999}"), "m.json"));
        assertEquals("m.json: layer 0: key 'kernel_regularizer.l2': integer 99999999999999999999 is out of range", nested.getMessage());
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse(conv(", \"filters\": 4294967300"), "m.json"));
        assertTrue(big.getMessage().contains("key 'filters' must be an integer >= 1 and < 2^31"), big.getMessage());
    }

    @Test
    void overflowingGeometryIsRefusedAtValidationNamingTheLayer() {
        ModelSpec dilated = ModelSpec.parse(conv(", \"filters\": 4, \"dilation_rate\": 2147483647"), "d.json");
        ShapeException d = assertThrows(ShapeException.class, () -> Model.of(dilated));
        assertEquals("layer conv2d_1 (Conv2D): input (1, 28, 28) is smaller than the 3×3 kernel with dilation 2147483647×2147483647", d.getMessage());

        ModelSpec padded = ModelSpec.parse(conv(", \"filters\": 4, \"padding\": 2147483647"), "p.json");
        ShapeException p = assertThrows(ShapeException.class, () -> Model.of(padded));
        assertEquals("layer conv2d_1 (Conv2D): input (1, 28, 28) with padding 2147483647, dilation 1×1: the output size 4294967320 is larger than 2^31 - 1",
                p.getMessage());

        ModelSpec same = ModelSpec.parse(conv(", \"filters\": 4, \"padding\": \"same\", \"dilation_rate\": 2147483647"), "s.json");
        ShapeException s = assertThrows(ShapeException.class, () -> Model.of(same));
        assertTrue(s.getMessage().startsWith("layer conv2d_1 (Conv2D): input (1, 28, 28) with padding same"), s.getMessage());

        ModelSpec huge = ModelSpec.parse(conv(", \"filters\": 4, \"padding\": 30000"), "h.json");
        ShapeException h = assertThrows(ShapeException.class, () -> Model.of(huge));
        assertTrue(h.getMessage().startsWith("layer conv2d_1 (Conv2D): output (4, 60026, 60026) has 14412482704 values per sample"), h.getMessage());

        ModelSpec overflow = ModelSpec.parse(conv(", \"filters\": 4, \"padding\": 1000000000"), "o.json");
        ShapeException o = assertThrows(ShapeException.class, () -> Model.of(overflow));
        assertEquals("layer conv2d_1 (Conv2D): sizes for input (1, 28, 28) overflow (long overflow)", o.getMessage());
    }

    @Test
    void sizesNear2To31NameTheLayerAndTheParameter() {
        ShapeException f = assertThrows(ShapeException.class, () -> Model.of(ModelSpec.parse(conv(", \"filters\": 2147483647"), "f.json")));
        assertEquals("layer conv2d_1 (Conv2D): parameter kernel (2147483647, 1, 3, 3) has 19327352823 values, more than one tensor can hold (2147483639)",
                f.getMessage());
        ModelSpec units = ModelSpec.of("u", Shape.of(1, 28, 28), List.of(new LayerSpec("Flatten", java.util.Map.of()),
                LayerSpec.of("Dense", "units", 2147483647)));
        ShapeException u = assertThrows(ShapeException.class, () -> Model.of(units));
        assertTrue(u.getMessage().startsWith("layer dense_1 (Dense): parameter kernel (2147483647, 784) has "), u.getMessage());
    }

    @Test
    void aTensorOfExactlyTheLimitIsAllowed() {
        // Dense(2147483639) on (1): kernel (2147483639, 1) and output (2147483639) hold exactly the limit
        Model m = Model.of(ModelSpec.of("edge", Shape.of(1), List.of(LayerSpec.of("Dense", "units", 2147483639))));
        assertEquals(Shape.of(2147483639), m.outputShape());
        ShapeException over = assertThrows(ShapeException.class,
                () -> Model.of(ModelSpec.of("over", Shape.of(1), List.of(LayerSpec.of("Dense", "units", 2147483640)))));
        assertEquals("layer dense_1 (Dense): parameter kernel (2147483640, 1) has 2147483640 values, more than one tensor can hold (2147483639)",
                over.getMessage());
        // an output one over the limit, from a layer without parameters: (2, 1073741820) flattened
        ShapeException out = assertThrows(ShapeException.class,
                () -> Model.of(ModelSpec.of("flat", Shape.of(2, 1073741820), List.of(LayerSpec.of("Flatten")))));
        assertEquals("layer flatten_1 (Flatten): output (2147483640,) has 2147483640 values per sample, more than one tensor can hold (2147483639)",
                out.getMessage());
    }

    @Test
    void trailingJsonAndSecondYamlDocumentsAreRefused() {
        IllegalArgumentException j = assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse(conv(", \"filters\": 4") + " {}", "t.json"));
        assertTrue(j.getMessage().startsWith("t.json: unexpected content after the JSON object at line 1"), j.getMessage());
        String twoDocs = "input_shape: [4]\nlayers:\n  - {type: Dense, units: 2}\n---\ninput_shape: [8]\n";
        IllegalArgumentException y = assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse(twoDocs, "t.yaml"));
        assertEquals("t.yaml: unexpected content after the first YAML document at line 5, column 1 (one spec per file)", y.getMessage());
    }

    @Test
    void aSixteenMegabyteSpecIsRefusedBeforeParsing(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.yaml");
        StringBuilder b = new StringBuilder("input_shape: [4]\nlayers:\n");
        while (b.length() < 16 << 20) b.append("  - {type: Dense, units: 2}\n");
        Files.writeString(big, b);
        long start = System.nanoTime();
        IOException e = assertThrows(IOException.class, () -> ModelSpec.read(big));
        assertTrue(e.getMessage().startsWith(big + ": " + Files.size(big) + " bytes is larger than the 1048576-byte limit for a model spec"), e.getMessage());
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "refused in under 5 s");
    }
}
