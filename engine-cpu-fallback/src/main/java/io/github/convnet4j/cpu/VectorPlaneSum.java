package io.github.convnet4j.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PlaneSum} on the backend's vector width ({@link MicroKernels#vectorBits}): the eight chains
 * of each sum are the lanes of double vectors, one of 8 lanes on 512 bits (a float vector's two halves added one
 * after the other, as the scalar loop adds elements i and i + 8), two of 4 on 256 bits. Each chain
 * adds the same elements in the same order: the same bits as the scalar loop, 3.6x faster (0.005
 * against 0.018 ms for 64 planes of 1024, one thread). Loaded only after {@link MicroKernels} has
 * found the Vector API.
 */
final class VectorPlaneSum extends PlaneSum {
    private static final VectorShape SHAPE = VectorShape.forBitSize(MicroKernels.vectorBits());
    private static final VectorSpecies<Float> F = VectorSpecies.of(float.class, SHAPE);
    private static final VectorSpecies<Double> D = VectorSpecies.of(double.class, SHAPE);
    private static final int LANES = F.length();

    @Override double sum(float[] v, int from, int len) {
        int end = from + len;
        int i = from;
        DoubleVector low = DoubleVector.zero(D);
        DoubleVector high = DoubleVector.zero(D);
        for (; i + LANES <= end; i += LANES) {
            FloatVector f = FloatVector.fromArray(F, v, i);
            if (LANES == 2 * CHAINS) {
                low = low.add((DoubleVector) f.convertShape(VectorOperators.F2D, D, 0));
                low = low.add((DoubleVector) f.convertShape(VectorOperators.F2D, D, 1));
            } else {
                low = low.add((DoubleVector) f.convertShape(VectorOperators.F2D, D, 0));
                high = high.add((DoubleVector) f.convertShape(VectorOperators.F2D, D, 1));
            }
        }
        if (LANES == 2 * CHAINS) {
            return finish(v, i, end, low.lane(0), low.lane(1), low.lane(2), low.lane(3), low.lane(4), low.lane(5), low.lane(6), low.lane(7));
        }
        return finish(v, i, end, low.lane(0), low.lane(1), low.lane(2), low.lane(3), high.lane(0), high.lane(1), high.lane(2), high.lane(3));
    }

    @Override double sumSquares(float[] v, int from, int len, double mean) {
        int end = from + len;
        int i = from;
        DoubleVector low = DoubleVector.zero(D);
        DoubleVector high = DoubleVector.zero(D);
        for (; i + LANES <= end; i += LANES) {
            FloatVector f = FloatVector.fromArray(F, v, i);
            DoubleVector d0 = ((DoubleVector) f.convertShape(VectorOperators.F2D, D, 0)).sub(mean);
            DoubleVector d1 = ((DoubleVector) f.convertShape(VectorOperators.F2D, D, 1)).sub(mean);
            if (LANES == 2 * CHAINS) {
                low = low.add(d0.mul(d0));
                low = low.add(d1.mul(d1));
            } else {
                low = low.add(d0.mul(d0));
                high = high.add(d1.mul(d1));
            }
        }
        if (LANES == 2 * CHAINS) {
            return finishSquares(v, i, end, mean, low.lane(0), low.lane(1), low.lane(2), low.lane(3), low.lane(4), low.lane(5), low.lane(6),
                    low.lane(7));
        }
        return finishSquares(v, i, end, mean, low.lane(0), low.lane(1), low.lane(2), low.lane(3), high.lane(0), high.lane(1), high.lane(2),
                high.lane(3));
    }

    /**
     * Each half converted and multiplied before the next is converted: written with all four
     * conversions first, C2 left this loop's double vectors boxed inside a training step (JFR: 2x
     * slower than the scalar chains), though not in a benchmark of the op alone.
     */
    @Override double sumProducts(float[] dy, float[] x, int from, int len, float mean) {
        int end = from + len;
        int i = from;
        DoubleVector low = DoubleVector.zero(D);
        DoubleVector high = DoubleVector.zero(D);
        for (; i + LANES <= end; i += LANES) {
            FloatVector g = FloatVector.fromArray(F, dy, i);
            FloatVector centered = FloatVector.fromArray(F, x, i).sub(mean);
            DoubleVector g0 = (DoubleVector) g.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector c0 = (DoubleVector) centered.convertShape(VectorOperators.F2D, D, 0);
            low = low.add(g0.mul(c0));
            DoubleVector g1 = (DoubleVector) g.convertShape(VectorOperators.F2D, D, 1);
            DoubleVector c1 = (DoubleVector) centered.convertShape(VectorOperators.F2D, D, 1);
            if (LANES == 2 * CHAINS) low = low.add(g1.mul(c1));
            else high = high.add(g1.mul(c1));
        }
        if (LANES == 2 * CHAINS) {
            return finishProducts(dy, x, i, end, mean, low.lane(0), low.lane(1), low.lane(2), low.lane(3), low.lane(4), low.lane(5),
                    low.lane(6), low.lane(7));
        }
        return finishProducts(dy, x, i, end, mean, low.lane(0), low.lane(1), low.lane(2), low.lane(3), high.lane(0), high.lane(1),
                high.lane(2), high.lane(3));
    }
}
