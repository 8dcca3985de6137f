package io.github.convnet4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.cpu.CpuBackend;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.Presets;
import io.github.convnet4j.nn.ForwardContext;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConvRecordingBackendTest {
    @Test void oneArmedForwardListsEveryConvolutionWithItsShapes() {
        try (ConvRecordingBackend b = new ConvRecordingBackend(new CpuBackend()); Model m = Model.of(Presets.get("keras-mnist"))) {
            m.build(b, DType.F32, 1);
            try (Tensor x = b.allocate(Shape.of(2, 1, 28, 28), DType.F32)) {
                b.arm(true);
                m.forward(x, ForwardContext.INFERENCE, true);
                m.forward(x, ForwardContext.INFERENCE, true); // a repeat adds nothing
                b.arm(false);
                m.forward(x, ForwardContext.INFERENCE, true);
            }
            List<ConvRecordingBackend.ConvCall> calls = b.calls();
            assertEquals(3, calls.size());
            assertEquals(Shape.of(2, 1, 28, 28), calls.get(0).input());
            assertEquals(Shape.of(32, 1, 3, 3), calls.get(0).filter());
            assertEquals(Shape.of(2, 32, 26, 26), calls.get(0).output());
            assertEquals(Shape.of(2, 32, 13, 13), calls.get(1).input());
            assertEquals(Shape.of(2, 64, 5, 5), calls.get(2).input());
            assertEquals(Shape.of(2, 64, 3, 3), calls.get(2).output());
            assertTrue(calls.get(0).bias());
            assertSame(m.parameters().get(0).value().buffer(), calls.get(0).weights());
        }
    }

    @Test void convolutionsInsideResidualBlocksAreFoundWithTheirStridesAndPadding() {
        try (ConvRecordingBackend b = new ConvRecordingBackend(new CpuBackend()); Model m = Model.of(Presets.get("resnet-small"))) {
            m.build(b, DType.F32, 1);
            try (Tensor x = b.allocate(Shape.of(1, 3, 32, 32), DType.F32)) {
                b.arm(true);
                m.forward(x, ForwardContext.INFERENCE, true);
            }
            List<ConvRecordingBackend.ConvCall> calls = b.calls();
            // stem + 8 blocks of two 3x3 convolutions + 3 projection shortcuts (stages 2-4)
            assertEquals(1 + 16 + 3, calls.size());
            long strided = calls.stream().filter(c -> c.params().strideH() == 2).count();
            assertEquals(6, strided); // conv1 and shortcut of the first block of stages 2-4
            ConvRecordingBackend.ConvCall first3x3Strided = calls.stream()
                    .filter(c -> c.params().strideH() == 2 && c.filter().dim(2) == 3).findFirst().orElseThrow();
            assertEquals(new ConvParams(2, 2, 0, 0, 1, 1, 1, 1), first3x3Strided.params()); // Keras 'same' at stride 2
            assertEquals(Shape.of(1, 128, 16, 16), first3x3Strided.output());
        }
    }

    @Test void layersReuseTheirBuffersThroughTheWrapper() {
        try (ConvRecordingBackend b = new ConvRecordingBackend(new CpuBackend()); Model m = Model.of(Presets.get("keras-mnist"))) {
            m.build(b, DType.F32, 1);
            try (Tensor x = b.allocate(Shape.of(2, 1, 28, 28), DType.F32)) {
                Tensor first = m.forward(x, ForwardContext.INFERENCE, true);
                Tensor second = m.forward(x, ForwardContext.INFERENCE, true);
                assertSame(first, second);
                assertSame(b, first.backend());
            }
        }
    }

    @Test void flopsPerPassIsTwoNKCRSPQ() {
        assertEquals(2.0 * 2 * 4 * 3 * 3 * 3 * 3 * 3,
                ConvLayerTiming.flopsPerPass(Shape.of(2, 3, 5, 5), Shape.of(4, 3, 3, 3), Shape.of(2, 4, 3, 3)));
    }
}
