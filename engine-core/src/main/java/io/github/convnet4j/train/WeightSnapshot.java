package io.github.convnet4j.train;

import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * An exact host copy of every parameter's value (trainable weights and state such as batch-norm
 * statistics), in the dtype they have, so that {@link #restore} puts back the same bits:
 * early stopping's best weights.
 */
final class WeightSnapshot {
    private final List<Object> values = new ArrayList<>();

    /** Downloads every value of {@code parameters} (waits for pending ops). */
    WeightSnapshot(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            Tensor t = p.value();
            int n = Math.toIntExact(t.size());
            if (t.dtype() == DType.F64) {
                double[] d = new double[n];
                t.backend().download(t, d, 0);
                values.add(d);
            } else {
                float[] f = new float[n];
                t.backend().download(t, f, 0);
                values.add(f);
            }
        }
    }

    /** Uploads the copies back into {@code parameters}, the same list this snapshot was taken of. */
    void restore(List<Parameter> parameters) {
        if (parameters.size() != values.size()) throw new IllegalStateException("snapshot of " + values.size() + " parameters, model has " + parameters.size());
        for (int i = 0; i < values.size(); i++) {
            Tensor t = parameters.get(i).value();
            if (values.get(i) instanceof double[] d) t.backend().upload(d, 0, t);
            else t.backend().upload((float[]) values.get(i), 0, t);
        }
    }
}
