package io.github.convnet4j.conformance;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The conformance kit: every op of every family on a backend under test (F32) against the CPU
 * backend running the same inputs in F64, compared with {@link Tolerance}. This is the one list
 * of families; the JUnit kit ({@code BackendConformanceTest} in engine-cpu-fallback's test-jar)
 * and {@code convnet verify} both run it.
 */
public final class ConformanceKit {
    private ConformanceKit() {}

    /**
     * One op family and its case list.
     *
     * @param name  e.g. {@code "conv"}
     * @param cases builds the family's case tree on a pair of backends (cheap: nothing runs until a case does)
     */
    public record Family(String name, Function<BackendPair, Stream<CaseNode>> cases) {
        /** The family's cases on {@code pair}, as one group named after the family. */
        public CaseGroup on(BackendPair pair) { return CaseGroup.of(name, cases.apply(pair)); }
    }

    /** The family called {@code name}. @throws IllegalArgumentException naming the families when there is none */
    public static Family family(String name) {
        List<Family> all = families();
        return all.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "no family '" + name + "' in the conformance kit (" + all.stream().map(Family::name).toList() + ")"));
    }

    /** Every family, in the order they are run and reported. */
    public static List<Family> families() {
        return List.of(
                new Family("tensor-contract", TensorContractConformance::tests),
                new Family("conv", ConvConformance::tests),
                new Family("depthwise-conv", DepthwiseConvConformance::tests),
                new Family("conv3d", Conv3dConformance::tests),
                new Family("pool", PoolConformance::tests),
                new Family("upsample", UpsampleConformance::tests),
                new Family("gemm", GemmConformance::tests),
                new Family("activation", ActivationConformance::tests),
                new Family("normalization", NormalizationConformance::tests),
                new Family("loss", LossConformance::tests),
                new Family("optimizer", OptimizerConformance::tests),
                new Family("elementwise", ElementwiseConformance::tests),
                new Family("dropout", DropoutConformance::tests),
                new Family("reduction", ReductionConformance::tests),
                new Family("merge", MergeConformance::tests));
    }
}
