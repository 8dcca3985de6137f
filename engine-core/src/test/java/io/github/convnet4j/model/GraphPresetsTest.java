package io.github.convnet4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.tensor.Shape;
import org.junit.jupiter.api.Test;

/**
 * The reference architectures: trainable parameter counts at (3, 224, 224) and 1,000 classes equal
 * the reference implementations' (torchvision's {@code sum(p.numel() for p in model.parameters())},
 * Keras's {@code VGG16().count_params()}), counted from the shapes without allocating a weight;
 * and each one also fits 28×28 and 32×32 images.
 */
class GraphPresetsTest {
    private static long trainable(String preset) { return Model.of(Presets.get(preset)).trainableParameterCount(); }

    @Test void alexnetHasTorchvisionsCount() { assertEquals(61_100_840L, trainable("alexnet")); }

    @Test void vgg16HasKerasAndTorchvisionsCount() { assertEquals(138_357_544L, trainable("vgg16")); }

    @Test void resnet18HasTorchvisionsCount() { assertEquals(11_689_512L, trainable("resnet18")); }

    @Test void resnet50HasTorchvisionsCount() { assertEquals(25_557_032L, trainable("resnet50")); }

    @Test void googlenetHasTorchvisionsCountWithoutAuxiliaryHeads() { assertEquals(6_624_904L, trainable("googlenet")); }

    @Test void nativeShapesAreTheReferenceOnes() {
        Model m = Model.of(Presets.get("googlenet"));
        assertEquals(Shape.of(3, 224, 224), m.inputShape());
        assertEquals(Shape.of(1024, 7, 7), m.layerOutputShape(m.indexOf("inception5b")));
        assertEquals(Shape.of(1000), m.outputShape());
        Model r = Model.of(Presets.get("resnet50"));
        assertEquals(Shape.of(2048, 7, 7), r.layerOutputShape(r.indexOf("layer4_3")));
        Model a = Model.of(Presets.get("alexnet"));
        assertEquals(Shape.of(256, 6, 6), a.layerOutputShape(a.indexOf("pool5")));
    }

    @Test void everyPresetFitsSmallImagesAndOtherClassCounts() {
        for (String name : new String[] {"alexnet", "vgg16", "resnet18", "resnet50", "googlenet", "inception-se-small"}) {
            for (String input : new String[] {"1x28x28", "3x32x32"}) {
                Model m = Model.of(Presets.get(name + ":input=" + input + ",classes=7"));
                assertEquals(Shape.of(7), m.outputShape(), name + " on " + input);
                assertTrue(m.trainableParameterCount() > 0);
            }
        }
    }

    @Test void theSmallInceptionSeNetworkIsSmall() {
        Model m = Model.of(Presets.get("inception-se-small:input=1x28x28"));
        assertEquals(Shape.of(56, 14, 14), m.layerOutputShape(m.indexOf("se1")));
        assertEquals(Shape.of(112, 7, 7), m.layerOutputShape(m.indexOf("se2")));
        assertTrue(m.trainableParameterCount() < 100_000, "parameters " + m.trainableParameterCount());
    }

    @Test void badOptionsAreOneLineErrors() {
        assertEquals("preset 'resnet18:input=28x28': input=28x28 must be CxHxW, e.g. 1x28x28",
                assertThrows(IllegalArgumentException.class, () -> Presets.get("resnet18:input=28x28")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Presets.get("resnet18:clases=3")).getMessage().contains("clases"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Presets.get("lenet5:classes=3")).getMessage()
                .startsWith("preset 'lenet5' takes no options"));
    }
}
