package io.github.convnet4j.explain;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.tensor.DType;
import java.util.Locale;

/**
 * Models whose outputs are known exactly: Flatten then one Dense layer without activation, so
 * output k is {@code b_k + sum_i W[k, i] x_i} and zeroing inputs lowers it by their terms.
 */
public final class LinearModels {
    private LinearModels() {}

    /** A built {@code (c, h, w) -> (k)} linear model with the given kernel {@code (k, c·h·w)} and bias. */
    public static Model linear(Backend backend, int c, int h, int w, int k, float[] kernel, float[] bias) {
        String json = String.format(Locale.ROOT, """
                {"name": "linear", "input_shape": [%d, %d, %d], "layers": [
                  {"type": "Flatten"},
                  {"type": "Dense", "units": %d}]}""", c, h, w, k);
        Model m = Model.of(ModelSpec.parse(json, "test"));
        m.build(backend, DType.F32, 1);
        set(backend, m, "dense_1/kernel", kernel);
        set(backend, m, "dense_1/bias", bias);
        return m;
    }

    public static void set(Backend backend, Model m, String name, float[] values) {
        Parameter p = m.parameters().stream().filter(q -> q.name().equals(name)).findFirst().orElseThrow();
        if (p.value().size() != values.length) throw new IllegalArgumentException(name + " has " + p.value().size() + " values, not " + values.length);
        backend.upload(values, 0, p.value());
    }

    public static float[] get(Backend backend, Model m, String name) {
        Parameter p = m.parameters().stream().filter(q -> q.name().equals(name)).findFirst().orElseThrow();
        float[] v = new float[Math.toIntExact(p.value().size())];
        backend.download(p.value(), v, 0);
        return v;
    }
}
