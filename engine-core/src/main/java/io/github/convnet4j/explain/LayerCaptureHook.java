package io.github.convnet4j.explain;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.model.LayerHook;
import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.tensor.Tensor;

/** Copies one layer's output (forward) and the gradient it receives (backward) to the host. */
final class LayerCaptureHook implements LayerHook {
    private final Backend backend;
    private final int index;
    float[] activation;
    float[] gradient;

    /** @param index the layer to capture, or -1 for none */
    LayerCaptureHook(Backend backend, int index) {
        this.backend = backend;
        this.index = index;
    }

    @Override public void afterForward(int i, Layer layer, Tensor output) {
        if (i == index) activation = download(output);
    }

    @Override public Tensor beforeBackward(int i, Layer layer, Tensor dy) {
        if (i == index) gradient = download(dy);
        return dy;
    }

    private float[] download(Tensor t) {
        float[] host = new float[Math.toIntExact(t.size())];
        backend.download(t, host, 0);
        return host;
    }
}
