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
}
