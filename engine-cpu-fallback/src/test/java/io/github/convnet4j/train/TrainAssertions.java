package io.github.convnet4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.convnet4j.model.Model;
import io.github.convnet4j.persist.HostCopies;
import io.github.convnet4j.tensor.HostTensor;
import java.util.Map;

/** Bit-for-bit comparisons of weights and tensors, shared by the train and persist tests. */
public final class TrainAssertions {
    private TrainAssertions() {}

    /** Every parameter of {@code a} and {@code b} has the same name, shape and bits. */
    public static void assertSameWeights(Model a, Model b) {
        assertSameTensors(HostCopies.download(a.parameters()), HostCopies.download(b.parameters()));
    }

    /** Same names, same lengths, same bits ({@link Float#floatToRawIntBits}); fails naming the first difference. */
    public static void assertSameTensors(Map<String, HostTensor> x, Map<String, HostTensor> y) {
        assertEquals(x.keySet(), y.keySet());
        for (String k : x.keySet()) {
            float[] p = x.get(k).data(), q = y.get(k).data();
            assertEquals(x.get(k).shape(), y.get(k).shape(), k);
            for (int i = 0; i < p.length; i++) {
                if (Float.floatToRawIntBits(p[i]) != Float.floatToRawIntBits(q[i])) {
                    throw new AssertionError(k + "[" + i + "]: " + p[i] + " != " + q[i]);
                }
            }
        }
    }
}
