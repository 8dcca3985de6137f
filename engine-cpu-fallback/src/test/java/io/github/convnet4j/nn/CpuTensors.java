package io.github.convnet4j.nn;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.BackendException;
import io.github.convnet4j.tensor.Tensor;

/** Reading tensors back in tests of layers and models, and telling whether one was freed. */
public final class CpuTensors {
    private CpuTensors() {}

    /** The values of {@code t}, as float64. */
    public static double[] read(Backend backend, Tensor t) {
        double[] v = new double[Math.toIntExact(t.size())];
        backend.download(t, v, 0);
        return v;
    }

    /** Whether {@code t}'s buffer was closed: the CPU backend refuses to read a freed buffer. */
    public static boolean isFreed(Backend backend, Tensor t) {
        try {
            read(backend, t);
            return false;
        } catch (BackendException e) {
            return true;
        }
    }
}
