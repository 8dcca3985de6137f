package io.github.convnet4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.backend.ops.Activation;
import io.github.convnet4j.tensor.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class PresetsTest {
    @Test
    void kerasMnistHasExactly93322Parameters() {
        Model m = Model.of(Presets.get("keras-mnist"));
        assertEquals(93_322, m.parameterCount());
        assertEquals(93_322, m.trainableParameterCount());
        assertEquals(Shape.of(10), m.outputShape());
        assertEquals(Activation.Kind.SOFTMAX, m.finalActivation().kind());
        assertEquals(Shape.of(32, 26, 26), m.layerOutputShape(0));
        assertEquals(Shape.of(64, 3, 3), m.layerOutputShape(4));
        assertEquals(Shape.of(576), m.layerOutputShape(5));
    }

    @Test
    void lenet5MatchesTheClassicCount() {
        Model m = Model.of(Presets.get("lenet5"));
        // 156 + 2,416 + 48,120 + 10,164 + 850
        assertEquals(61_706, m.parameterCount());
        assertEquals(Shape.of(16, 5, 5), m.layerOutputShape(3));
    }

    @Test
    void vggSmallShapes() {
        Model m = Model.of(Presets.get("vgg-small"));
        assertEquals(Shape.of(3, 32, 32), m.inputShape());
        assertEquals(Shape.of(128, 4, 4), m.layerOutputShape(8));
        long convs = 896 + 9_248 + 18_496 + 36_928 + 73_856 + 147_584;
        assertEquals(convs + 2048L * 128 + 128 + 1_290, m.parameterCount());
    }

    @Test
    void resnetSmallIsResNet18ForCifar() {
        Model m = Model.of(Presets.get("resnet-small"));
        // The widely quoted size of ResNet-18 for CIFAR-10 (3x3 stem, no max pool, BN in projections).
        assertEquals(11_173_962, m.trainableParameterCount());
        assertEquals(Shape.of(512, 4, 4), m.layerOutputShape(m.indexOf("residual_block_8/relu")));
        assertEquals(Shape.of(10), m.outputShape());
        // non-trainable: moving mean and variance of every batch norm
        assertEquals(m.parameterCount() - m.trainableParameterCount(), m.nonTrainableParameterCount());
        assertEquals(2 * (64 + 4 * 64 + 2 * 128 + 128 + 2 * 128 + 2 * 256 + 256 + 2 * 256 + 2 * 512 + 512 + 2 * 512),
                m.nonTrainableParameterCount());
    }

    @Test
    void namesAndUnknownPreset() {
        assertEquals(List.of("keras-mnist", "lenet5", "vgg-small", "resnet-small", "alexnet", "vgg16", "resnet18", "resnet50",
                "googlenet", "inception-se-small"), Presets.names());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Presets.get("lenet7"));
        assertTrue(e.getMessage().contains("keras-mnist"));
    }
}
