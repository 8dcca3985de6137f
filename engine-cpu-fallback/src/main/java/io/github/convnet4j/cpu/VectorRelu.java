package io.github.convnet4j.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ReluKernel} on the backend's vector width ({@link MicroKernels#vectorBits}): lanewise max (specified as {@link Math#max}) and
 * a compare-and-blend instead of the scalar branch. Loaded only after {@link MicroKernels} has found
 * the Vector API.
 */
final class VectorRelu extends ReluKernel {
    private static final VectorSpecies<Float> S = VectorSpecies.of(float.class, VectorShape.forBitSize(MicroKernels.vectorBits()));

    @Override void forward(float[] x, float[] y, int lo, int hi) {
        int i = lo;
        FloatVector zero = FloatVector.zero(S);
        for (int end = hi - S.length(); i <= end; i += S.length()) {
            FloatVector.fromArray(S, x, i).max(zero).intoArray(y, i);
        }
        super.forward(x, y, i, hi);
    }

    @Override void backward(float[] x, float[] dy, int from, float[] dx, int to, int len) {
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        for (int end = len - S.length(); i <= end; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, from + i);
            zero.blend(FloatVector.fromArray(S, dy, from + i), v.compare(VectorOperators.GT, 0f)).intoArray(dx, to + i);
        }
        super.backward(x, dy, from + i, dx, to + i, len - i);
    }
}
