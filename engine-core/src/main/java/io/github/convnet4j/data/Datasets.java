package io.github.convnet4j.data;

import io.github.convnet4j.tensor.Shape;
import java.util.List;

/** Stand-in until byte-backed datasets land: builds a float dataset from unsigned bytes. */
final class Datasets {
    private Datasets() {}

    static Dataset ofBytes(byte[] px, int[] labels, Shape shape, List<String> classes) {
        float[] v = new float[px.length];
        for (int i = 0; i < px.length; i++) v[i] = (px[i] & 0xFF) / 255f;
        return new Dataset(v, labels, shape, classes.size(), classes);
    }
}
