package io.github.convnet4j.exchange.onnx;

import java.util.List;

/** The emitters of the convolution family beyond Conv2D and 2-D pooling , registered together by {@link LayerEmitters}. */
final class ConvFamilyEmitters {
    private ConvFamilyEmitters() {}

    static List<LayerEmitter> all() {
        return List.of(new Conv2DTransposeEmitter(), new UpSampling2DEmitter(), new Conv1DEmitter(), new Conv3DEmitter(),
                new Pooling1DEmitter(), new Pooling3DEmitter());
    }
}
