package io.github.convnet4j.cli.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The FMA-bound loop {@link PeakFlops} times: {@value #ACCUMULATORS} independent accumulators on the
 * preferred species, each updated {@code c = c·a + b} once per iteration. An FMA's result is needed
 * by the next FMA on the same accumulator only, so with more accumulators in flight than FMA latency
 * × FMA pipes (4 cycles × 2 pipes on Zen 4/5 and recent Intel cores) the pipes never wait; 16
 * accumulators plus the two operands fit AVX-512's 32 registers without spilling. With a = 0.5 and
 * b = 1 every lane converges to 2, so no value overflows or turns subnormal (which would slow the
 * pipes down). Only loaded after {@code jdk.incubator.vector} was found present.
 */
final class VectorFmaLoop {
    /** Independent accumulators per iteration. */
    static final int ACCUMULATORS = 16;

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private VectorFmaLoop() {}

    /** Lanes of the preferred species. */
    static int lanes() { return S.length(); }

    /** Vector width in bits of the preferred species. */
    static int bits() { return S.vectorBitSize(); }

    /**
     * Runs {@code iterations} × {@value #ACCUMULATORS} vector FMAs ({@code 2 · lanes} FLOPs each) and
     * returns the sum of all lanes, so the work has a result the caller consumes.
     */
    static float run(long iterations, float seed) {
        FloatVector a = FloatVector.broadcast(S, 0.5f), b = FloatVector.broadcast(S, 1f);
        FloatVector c0 = FloatVector.broadcast(S, seed), c1 = c0.add(1f), c2 = c0.add(2f), c3 = c0.add(3f);
        FloatVector c4 = c0.add(4f), c5 = c0.add(5f), c6 = c0.add(6f), c7 = c0.add(7f);
        FloatVector c8 = c0.add(8f), c9 = c0.add(9f), c10 = c0.add(10f), c11 = c0.add(11f);
        FloatVector c12 = c0.add(12f), c13 = c0.add(13f), c14 = c0.add(14f), c15 = c0.add(15f);
        for (long i = 0; i < iterations; i++) {
            c0 = c0.fma(a, b); c1 = c1.fma(a, b); c2 = c2.fma(a, b); c3 = c3.fma(a, b);
            c4 = c4.fma(a, b); c5 = c5.fma(a, b); c6 = c6.fma(a, b); c7 = c7.fma(a, b);
            c8 = c8.fma(a, b); c9 = c9.fma(a, b); c10 = c10.fma(a, b); c11 = c11.fma(a, b);
            c12 = c12.fma(a, b); c13 = c13.fma(a, b); c14 = c14.fma(a, b); c15 = c15.fma(a, b);
        }
        FloatVector sum = c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7)
                .add(c8).add(c9).add(c10).add(c11).add(c12).add(c13).add(c14).add(c15);
        return sum.reduceLanes(VectorOperators.ADD);
    }
}
