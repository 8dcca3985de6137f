package io.github.convnet4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.convnet4j.tensor.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Parameter counts and output shapes of the convolution layers beyond Conv2D, as summary reports
 * them, against the counts Keras prints for the same layer (the numbers of issue 11).
 */
class ConvolutionFamilySummaryTest {
    /** The one layer's row of summary --json for {@code layer} on per-sample input {@code input}. */
    private static JsonNode only(Shape input, LayerSpec layer) throws Exception {
        Model m = Model.of(ModelSpec.of("one", input, List.of(layer)));
        JsonNode j = new ObjectMapper().readTree(m.summary().json());
        assertEquals(j.get("trainable_params").asLong(), j.get("layers").get(0).get("params").asLong());
        return j.get("layers").get(0);
    }

    @Test
    void separableConv2dCountsDepthwisePointwiseAndBias() throws Exception {
        JsonNode l = only(Shape.of(32, 16, 16), LayerSpec.of("SeparableConv2D", "filters", 64, "kernel_size", 3));
        assertEquals(2_400, l.get("params").asLong());   // 3*3*32 + 32*64 + 64
        assertEquals("[64,14,14]", l.get("output_shape").toString());
    }

    @Test
    void separableConv2dWithDepthMultiplier() throws Exception {
        JsonNode l = only(Shape.of(8, 10, 10), LayerSpec.of("SeparableConv2D", "filters", 16, "kernel_size", 3, "depth_multiplier", 2,
                "padding", "same"));
        assertEquals(3 * 3 * 8 * 2 + 8 * 2 * 16 + 16, l.get("params").asLong());
        assertEquals("[16,10,10]", l.get("output_shape").toString());
    }

    @Test
    void depthwiseConv2dCountsOneFilterPerChannelAndBias() throws Exception {
        JsonNode l = only(Shape.of(32, 16, 16), LayerSpec.of("DepthwiseConv2D", "kernel_size", 3));
        assertEquals(320, l.get("params").asLong());   // 3*3*32 + 32
        assertEquals("[32,14,14]", l.get("output_shape").toString());
        JsonNode m = only(Shape.of(4, 9, 9), LayerSpec.of("DepthwiseConv2D", "kernel_size", 3, "depth_multiplier", 3, "strides", 2,
                "padding", "same"));
        assertEquals(3 * 3 * 4 * 3 + 12, m.get("params").asLong());
        assertEquals("[12,5,5]", m.get("output_shape").toString());
    }
}
