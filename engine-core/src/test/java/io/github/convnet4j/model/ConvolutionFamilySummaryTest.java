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

    @Test
    void conv2dTransposeCountsKernelAndBias() throws Exception {
        JsonNode l = only(Shape.of(32, 8, 8), LayerSpec.of("Conv2DTranspose", "filters", 16, "kernel_size", 3));
        assertEquals(4_624, l.get("params").asLong());   // 3*3*32*16 + 16
        assertEquals("[16,10,10]", l.get("output_shape").toString());   // valid: 8*1 + max(3-1, 0)
    }

    @Test
    void conv2dTransposeOutputSizesFollowKeras() throws Exception {
        assertEquals("[4,16,16]", only(Shape.of(3, 8, 8), LayerSpec.of("Conv2DTranspose", "filters", 4, "kernel_size", 3, "strides", 2,
                "padding", "same")).get("output_shape").toString());
        assertEquals("[4,17,17]", only(Shape.of(3, 8, 8), LayerSpec.of("Conv2DTranspose", "filters", 4, "kernel_size", 3, "strides", 2))
                .get("output_shape").toString());   // 8*2 + max(3-2, 0)
        assertEquals("[4,16,15]", only(Shape.of(3, 8, 8), LayerSpec.of("Conv2DTranspose", "filters", 4, "kernel_size", 3, "strides", 2,
                "padding", "same", "output_padding", List.of(1, 0))).get("output_shape").toString());   // 7*2 + 3 - 2 + op
        assertEquals("[4,24,24]", only(Shape.of(3, 8, 8), LayerSpec.of("Conv2DTranspose", "filters", 4, "kernel_size", 2, "strides", 3))
                .get("output_shape").toString());   // kernel below the stride: 8*3
    }

    @Test
    void upSampling2dHasNoParameters() throws Exception {
        JsonNode l = only(Shape.of(3, 4, 5), LayerSpec.of("UpSampling2D", "size", List.of(2, 3)));
        assertEquals(0, l.get("params").asLong());
        assertEquals("[3,8,15]", l.get("output_shape").toString());
    }

    @Test
    void conv1dCountsKernelAndBias() throws Exception {
        JsonNode l = only(Shape.of(4, 20), LayerSpec.of("Conv1D", "filters", 8, "kernel_size", 5));
        assertEquals(168, l.get("params").asLong());   // 5*4*8 + 8
        assertEquals("[8,16]", l.get("output_shape").toString());
        assertEquals("[8,10]", only(Shape.of(4, 20), LayerSpec.of("Conv1D", "filters", 8, "kernel_size", 5, "strides", 2, "padding", "same"))
                .get("output_shape").toString());
        assertEquals("[8,20]", only(Shape.of(4, 20), LayerSpec.of("Conv1D", "filters", 8, "kernel_size", 5, "padding", "causal"))
                .get("output_shape").toString());
    }

    @Test
    void conv3dCountsKernelAndBias() throws Exception {
        JsonNode l = only(Shape.of(2, 6, 7, 8), LayerSpec.of("Conv3D", "filters", 4, "kernel_size", 3));
        assertEquals(220, l.get("params").asLong());   // 3*3*3*2*4 + 4
        assertEquals("[4,4,5,6]", l.get("output_shape").toString());
        assertEquals("[4,3,4,4]", only(Shape.of(2, 6, 7, 8), LayerSpec.of("Conv3D", "filters", 4, "kernel_size", 3, "strides", 2, "padding", "same"))
                .get("output_shape").toString());
    }

    @Test
    void poolingsOfSequencesAndVolumesHaveNoParameters() throws Exception {
        assertEquals("[3,5]", only(Shape.of(3, 10), LayerSpec.of("MaxPooling1D")).get("output_shape").toString());
        assertEquals("[3,4]", only(Shape.of(3, 7), LayerSpec.of("AveragePooling1D", "pool_size", 3, "strides", 2, "padding", "same"))
                .get("output_shape").toString());
        assertEquals("[3,2,3,4]", only(Shape.of(3, 4, 6, 8), LayerSpec.of("MaxPooling3D")).get("output_shape").toString());
        assertEquals("[3,3,3,4]", only(Shape.of(3, 5, 6, 8), LayerSpec.of("AveragePooling3D", "padding", "same")).get("output_shape").toString());
        for (String type : List.of("GlobalAveragePooling1D", "GlobalMaxPooling1D")) {
            assertEquals("[3]", only(Shape.of(3, 7), LayerSpec.of(type)).get("output_shape").toString());
        }
        for (String type : List.of("GlobalAveragePooling3D", "GlobalMaxPooling3D")) {
            JsonNode l = only(Shape.of(3, 4, 5, 6), LayerSpec.of(type));
            assertEquals("[3]", l.get("output_shape").toString());
            assertEquals(0, l.get("params").asLong());
        }
    }
}
