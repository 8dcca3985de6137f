package io.github.convnet4j.cli.bench;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.ForwardingBackend;
import io.github.convnet4j.backend.ops.Activation;
import io.github.convnet4j.backend.ops.ConvOps;
import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.DeviceBuffer;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A backend that passes every call to another one and, while {@linkplain #arm armed}, notes the
 * geometry of each convolution forward call. One armed training step thus lists every convolution
 * of a model, those nested in residual blocks included, with the exact shapes and padding the
 * layers use, without the benchmark knowing how layers are built. Recording costs one volatile
 * read per convolution; nothing is timed here. Its tensors report it as their backend
 * ({@link ForwardingBackend}), so every op a layer runs passes through here.
 */
public final class ConvRecordingBackend extends ForwardingBackend {
    /**
     * One convolution as a layer calls it.
     *
     * @param weights the filter tensor's buffer, which identifies the layer
     * @param params  stride, padding and dilation
     * @param input   {@code (N, C, H, W)}
     * @param filter  the shape of {@code weights}, {@code (K, C, R, S)}
     * @param output  {@code (N, K, P, Q)}
     * @param bias    whether the layer adds a bias {@code (K)}
     * @param dtype   the element type
     */
    public record ConvCall(DeviceBuffer weights, ConvParams params, Shape input, Shape filter, Shape output, boolean bias, DType dtype) {}

    private final List<ConvCall> calls = Collections.synchronizedList(new ArrayList<>());
    private final ConvOps conv;
    private volatile boolean armed;

    /** Wraps {@code inner}; recording starts disarmed. */
    public ConvRecordingBackend(Backend inner) {
        super(inner);
        ConvOps c = inner.conv();
        this.conv = new ConvOps() {
            @Override public void forward(ConvParams p, Tensor x, Tensor w, Tensor bias, Tensor y) {
                if (armed) record(p, x, w, bias, y);
                c.forward(p, x, w, bias, y);
            }

            @Override public void backwardData(ConvParams p, Tensor dy, Tensor w, Tensor dx) { c.backwardData(p, dy, w, dx); }

            @Override public void backwardFilter(ConvParams p, Tensor x, Tensor dy, Tensor dw, Tensor dbias) {
                c.backwardFilter(p, x, dy, dw, dbias);
            }

            @Override public boolean fusesActivation(Activation a) { return c.fusesActivation(a); }

            @Override public void forward(ConvParams p, Tensor x, Tensor w, Tensor bias, Activation a, Tensor y) {
                if (armed) record(p, x, w, bias, y);
                c.forward(p, x, w, bias, a, y);
            }

            @Override public void backwardData(ConvParams p, Tensor dy, Activation a, Tensor y, Tensor w, Tensor dx) {
                c.backwardData(p, dy, a, y, w, dx);
            }

            @Override public void backwardFilter(ConvParams p, Tensor x, Tensor dy, Activation a, Tensor y, Tensor dw, Tensor dbias) {
                c.backwardFilter(p, x, dy, a, y, dw, dbias);
            }
        };
    }

    private void record(ConvParams p, Tensor x, Tensor w, Tensor bias, Tensor y) {
        synchronized (calls) {
            for (ConvCall seen : calls) if (seen.weights() == w.buffer() && seen.input().equals(x.shape())) return;
            calls.add(new ConvCall(w.buffer(), p, x.shape(), w.shape(), y.shape(), bias != null, x.dtype()));
        }
    }

    /** Starts or stops noting convolution calls. */
    public void arm(boolean on) { armed = on; }

    /** The distinct convolutions seen while armed, in call order (forward order for a training step). */
    public List<ConvCall> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    @Override public ConvOps conv() { return conv; }
}
