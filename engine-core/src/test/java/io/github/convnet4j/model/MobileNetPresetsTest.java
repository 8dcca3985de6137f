package io.github.convnet4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The MobileNet presets against Keras's counts and shapes. */
class MobileNetPresetsTest {
    @Test
    void mobilenetHasKerasMobileNetsParameterCounts() throws Exception {
        JsonNode j = new ObjectMapper().readTree(Model.of(Presets.get("mobilenet")).summary().json());
        // keras.applications.MobileNet(alpha=1.0, input_shape=(224, 224, 3), classes=1000).summary():
        // Total params: 4,253,864; Trainable params: 4,231,976; Non-trainable params: 21,888 (moving means and variances).
        assertEquals(4_231_976, j.get("trainable_params").asLong());
        assertEquals(21_888, j.get("non_trainable_params").asLong());
        assertEquals(4_253_864, j.get("total_params").asLong());
        assertEquals("[3,224,224]", j.get("input_shape").toString());
        JsonNode layers = j.get("layers");
        assertEquals("[32,112,112]", layers.get(0).get("output_shape").toString());
        assertEquals("[1024,7,7]", layers.get(layers.size() - 4).get("output_shape").toString());   // last block's ReLU
        assertEquals("[1000]", layers.get(layers.size() - 1).get("output_shape").toString());
    }

    @Test
    void mobilenetSmallFitsFashionMnist() throws Exception {
        JsonNode j = new ObjectMapper().readTree(Model.of(Presets.get("mobilenet-small")).summary().json());
        assertEquals("[1,28,28]", j.get("input_shape").toString());
        JsonNode layers = j.get("layers");
        assertEquals("[128,7,7]", layers.get(layers.size() - 4).get("output_shape").toString());
        assertEquals("[10]", layers.get(layers.size() - 1).get("output_shape").toString());
        assertEquals(j.get("total_params").asLong(), j.get("trainable_params").asLong() + j.get("non_trainable_params").asLong());
    }
}
