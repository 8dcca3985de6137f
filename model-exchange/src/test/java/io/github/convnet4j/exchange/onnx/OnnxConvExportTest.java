package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.model.Presets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conv-family layers (depthwise, separable, transposed, upsampling, 1-D, 3-D, global max)
 * exported and run in ONNX Runtime: its outputs are our {@code predict}'s within 1e-5.
 */
class OnnxConvExportTest {
    static Stream<ModelSpec> specs() {
        return Stream.of(ExchangeFixtures.convFamily(),
                ExchangeFixtures.sequence("GlobalAveragePooling1D"), ExchangeFixtures.sequence("GlobalMaxPooling1D"),
                ExchangeFixtures.volume("GlobalAveragePooling3D"), ExchangeFixtures.volume("GlobalMaxPooling3D"),
                Presets.get("mobilenet-small"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void onnxRuntimeReproducesPredict(ModelSpec spec) throws Exception {
        OnnxExportTest.assertOnnxRuntimeReproduces(spec, 24);
    }

    /** The full MobileNet at its native 224x224 (the preset takes no input option): 4 images keep it quick. */
    @org.junit.jupiter.api.Test
    void mobilenetAt224() throws Exception {
        OnnxExportTest.assertOnnxRuntimeReproduces(Presets.get("mobilenet"), 4);
    }
}
