package io.github.convnet4j.cpu;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static io.github.convnet4j.cpu.TestSupport.assertBitIdentical;

/** The vector ReLU (where the Vector API is present) gives the scalar kernel's bits, -0 and NaN included. */
class ReluKernelTest {
    @Test
    void vectorAndScalarAgreeBitForBit() {
        float[] special = {0f, -0f, Float.NaN, 1f, -1f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        Random rng = new Random(5);
        ReluKernel scalar = new ReluKernel();
        ReluKernel best = MicroKernels.relu();
        for (int length : new int[] {0, 1, 7, 16, 33, 1000}) {
            float[] x = new float[length + 3];
            float[] dy = new float[length + 3];
            for (int i = 0; i < x.length; i++) {
                x[i] = i % 3 == 0 ? special[rng.nextInt(special.length)] : (float) rng.nextGaussian();
                dy[i] = i % 5 == 0 ? -0f : (float) rng.nextGaussian();
            }
            float[][] out = new float[4][x.length];
            // Ranges that start off a vector boundary and stop short of the array's end.
            scalar.forward(x, out[0], 1, length + 1);
            best.forward(x, out[1], 1, length + 1);
            scalar.backward(x, dy, out[2], 1, length + 1);
            best.backward(x, dy, out[3], 1, length + 1);
            assertBitIdentical(best.getClass().getSimpleName() + " forward, length " + length, out[0], out[1]);
            assertBitIdentical(best.getClass().getSimpleName() + " backward, length " + length, out[2], out[3]);
        }
    }
}
