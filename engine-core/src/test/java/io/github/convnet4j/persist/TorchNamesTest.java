package io.github.convnet4j.persist;

import io.github.convnet4j.model.LayerSpec;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.model.Presets;
import io.github.convnet4j.tensor.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Our parameter names in PyTorch's terms, against the modules PyTorch itself would number. The
 * keras-mnist net written as an {@code nn.Sequential} is: 0 Conv2d, 1 ReLU, 2 MaxPool2d, 3 Conv2d,
 * 4 ReLU, 5 MaxPool2d, 6 Conv2d, 7 ReLU, 8 Flatten, 9 Linear, 10 ReLU, 11 Linear, 12 Softmax.
 */
class TorchNamesTest {
    @Test void rolesAndSubmodulesInsideALayer() {
        assertEquals("weight", TorchNames.withinLayer("kernel"));
        assertEquals("bias", TorchNames.withinLayer("bias"));
        assertEquals("bn1.weight", TorchNames.withinLayer("bn1/gamma"));
        assertEquals("bn1.bias", TorchNames.withinLayer("bn1/beta"));
        assertEquals("bn2.running_mean", TorchNames.withinLayer("bn2/moving_mean"));
        assertEquals("conv1.weight", TorchNames.withinLayer("conv1/kernel"));
        assertEquals("downsample.0.weight", TorchNames.withinLayer("shortcut_conv/kernel"));
        assertEquals("downsample.1.running_var", TorchNames.withinLayer("shortcut_bn/moving_variance"));
        // a role name in a module position and an unknown name stay as they are
        assertEquals("kernel.weight", TorchNames.withinLayer("kernel/kernel"));
        assertEquals("depthwise_kernel", TorchNames.withinLayer("depthwise_kernel"));
    }

    @Test void kerasMnistIsNumberedAsItsSequential() {
        Model m = Model.of(Presets.get("keras-mnist"));
        Map<String, Integer> index = TorchNames.sequentialIndices(m);
        assertEquals(List.of(0, 2, 3, 5, 6, 8, 9, 11), List.copyOf(index.values()));
        assertEquals(0, index.get("conv2d_1"));
        assertEquals(11, index.get("dense_2"));
        Map<String, String> names = TorchNames.sequentialNames(m);
        assertEquals(10, names.size(), "a kernel and a bias for each of the three convolutions and two dense layers");
        assertEquals("0.weight", names.get("conv2d_1/kernel"));
        assertEquals("0.bias", names.get("conv2d_1/bias"));
        assertEquals("6.weight", names.get("conv2d_3/kernel"));
        assertEquals("9.bias", names.get("dense_1/bias"));
        assertEquals("11.weight", names.get("dense_2/kernel"));
        assertEquals("conv2d_1/kernel", names.keySet().iterator().next(), "in model order");
    }

    /** A linear Conv2D has no activation module; global average pooling is AdaptiveAvgPool2d(1) then Flatten: 0 Conv2d, 1-2 pooling, 3 Linear. */
    @Test void linearLayersAddNoModuleAndGlobalPoolingAddsTwo() {
        Model m = Model.of(ModelSpec.of("g", Shape.of(3, 8, 8), List.of(
                LayerSpec.of("Conv2D", "filters", 4, "kernel_size", 3),
                LayerSpec.of("GlobalAveragePooling2D"),
                LayerSpec.of("Dense", "units", 2, "activation", "softmax"))));
        assertEquals(List.of(0, 1, 3), List.copyOf(TorchNames.sequentialIndices(m).values()));
        assertEquals("3.weight", TorchNames.sequentialNames(m).get("dense_1/kernel"));
        assertEquals("0.weight", TorchNames.sequentialNames(m).get("conv2d_1/kernel"));
    }
}
