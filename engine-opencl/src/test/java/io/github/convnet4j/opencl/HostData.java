package io.github.convnet4j.opencl;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.SplittableRandom;

/** Deterministic test inputs and host round trips for the OpenCL tests' own reference checks. */
final class HostData {
    private HostData() {}

    /** Values uniform in [-1, 1), rounded to float. */
    static float[] uniform(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (r.nextDouble() * 2 - 1);
        return v;
    }

    static Tensor upload(Backend b, Shape shape, float[] values) {
        Tensor t = b.allocate(shape);
        b.upload(values, 0, t);
        return t;
    }

    static float[] download(Backend b, Tensor t) {
        float[] v = new float[Math.toIntExact(t.size())];
        b.download(t, v, 0);
        return v;
    }
}
