package io.github.convnet4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SummaryTest {
    @Test
    void tableListsLayersShapesAndTotals() {
        String t = Model.of(Presets.get("keras-mnist")).summary().table();
        assertTrue(t.contains("conv2d_1 (Conv2D)"), t);
        assertTrue(t.contains("(None, 32, 26, 26)"), t);
        assertTrue(t.contains("Total params: 93,322"), t);
        assertTrue(t.contains("Trainable params: 93,322"), t);
        assertTrue(t.contains("Non-trainable params: 0"), t);
        assertTrue(t.lines().anyMatch(l -> l.startsWith(" dense_2 (Dense)") && l.endsWith("650")), t);
        assertFalse(t.contains("Classes:"), "no class names, no line");
    }

    @Test
    void classNamesAppearInTableAndJson() throws Exception {
        Model m = Model.of(Presets.get("keras-mnist").withClassNames(io.github.convnet4j.data.MnistFormat.FASHION_MNIST_CLASSES));
        assertTrue(m.summary().table().contains("Classes: T-shirt/top, Trouser, Pullover,"), m.summary().table());
        assertEquals("Ankle boot", new ObjectMapper().readTree(m.summary().json()).get("class_names").get(9).asText());
    }

    @Test
    void jsonHasTheDocumentedFields() throws Exception {
        ModelSpec spec = Presets.get("resnet-small");
        Model m = Model.of(spec.withLayer(0, spec.layers().get(0).with("trainable", false)));
        JsonNode j = new ObjectMapper().readTree(m.summary().json());
        assertEquals("resnet-small", j.get("name").asText());
        assertEquals("[3,32,32]", j.get("input_shape").toString());
        assertEquals(m.parameterCount(), j.get("total_params").asLong());
        assertEquals(11_173_962 - 64 * 27, j.get("trainable_params").asLong());
        assertEquals(m.nonTrainableParameterCount(), j.get("non_trainable_params").asLong());
        JsonNode first = j.get("layers").get(0);
        assertEquals("conv2d_1", first.get("name").asText());
        assertEquals("Conv2D", first.get("type").asText());
        assertEquals("[64,32,32]", first.get("output_shape").toString());
        assertEquals(64 * 27, first.get("params").asLong());
        assertEquals(false, first.get("trainable").asBoolean());
        long sum = 0;
        for (JsonNode l : j.get("layers")) sum += l.get("params").asLong();
        assertEquals(m.parameterCount(), sum);
    }

    /**
     * The layout rule, worked by hand for a two-layer chain: each column as wide as its widest cell,
     * cells two spaces apart after a one-space margin, trailing blanks stripped, rules as wide as
     * the three columns plus their six spaces (a chain has no "Connected to" column). Widths: 19
     * ("flatten_1 (Flatten)"), 12 ("Output Shape"), 7 ("Param #"), so the rules are 44 wide.
     */
    @Test
    void tableLayoutOfASmallChain() {
        ModelSpec spec = ModelSpec.of("tiny", io.github.convnet4j.tensor.Shape.of(1, 4, 4), java.util.List.of(
                LayerSpec.of("Flatten"), LayerSpec.of("Dense", "units", 3)));
        String expected = "Model: \"tiny\"   input (None, 1, 4, 4)\n"
                + "_".repeat(44) + "\n"
                + " Layer (type)         Output Shape  Param #\n"
                + "=".repeat(44) + "\n"
                + " flatten_1 (Flatten)  (None, 16)    0\n"
                + "_".repeat(44) + "\n"
                + " dense_1 (Dense)      (None, 3)     51\n"
                + "=".repeat(44) + "\n"
                + "Total params: 51\n"
                + "Trainable params: 51\n"
                + "Non-trainable params: 0\n"
                + "_".repeat(44) + "\n";
        assertEquals(expected, Model.of(spec).summary().table().replace(System.lineSeparator(), "\n"));

        // Frozen: the marker widens the first column to 24 ("dense_1 (Dense) [frozen]"), the rules to 49.
        String frozen = Model.of(spec.withLayer(1, spec.layers().get(1).with("trainable", false))).summary().table().replace(System.lineSeparator(), "\n");
        assertTrue(frozen.contains("\n dense_1 (Dense) [frozen]  (None, 3)     51\n"), frozen);
        assertTrue(frozen.contains("\n" + "=".repeat(49) + "\n"), frozen);
        assertTrue(frozen.contains("Trainable params: 0\nNon-trainable params: 51\n"), frozen);
        assertEquals(frozen, Model.of(spec.withLayer(1, spec.layers().get(1).with("trainable", false))).summary().toString().replace(System.lineSeparator(), "\n"));
    }
}
