package io.github.convnet4j.persist;

import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.HostTensor;
import io.github.convnet4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves parameter values between a backend and host {@link HostTensor}s (float32). For an F32 model
 * the copy is exact both ways; an F64 model is rounded to float32 on the way out.
 */
public final class HostCopies {
    private HostCopies() {}

    /** Downloads {@code t} (waits for pending ops). */
    public static HostTensor download(Tensor t) {
        float[] data = new float[Math.toIntExact(t.size())];
        if (t.dtype() == DType.F64) {
            double[] d = new double[data.length];
            t.backend().download(t, d, 0);
            for (int i = 0; i < d.length; i++) data[i] = (float) d[i];
        } else {
            t.backend().download(t, data, 0);
        }
        return new HostTensor(t.shape(), data);
    }

    /** Every parameter's value (trainable and state) by parameter name, in the model's order. */
    public static Map<String, HostTensor> download(List<Parameter> parameters) {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        for (Parameter p : parameters) out.put(p.name(), download(p.value()));
        return out;
    }

    /** Uploads {@code h} into {@code t}; the caller has checked that the shapes are equal. */
    public static void upload(HostTensor h, Tensor t) {
        if (!h.shape().equals(t.shape())) throw new IllegalArgumentException("cannot upload " + h.shape() + " into " + t);
        t.backend().upload(h.data(), 0, t);
    }
}
