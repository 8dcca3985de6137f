package io.github.convnet4j.conformance;

import io.github.convnet4j.backend.BackendProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The conformance kit: every op of every family on the backend under test (F32) against the CPU
 * backend running the same inputs in F64, compared with {@link Tolerance}. A backend's test is a
 * subclass naming its provider:
 *
 * <pre>{@code
 * class OpenClConformanceTest extends BackendConformanceTest {
 *     @Override protected BackendProvider provider() { return new OpenClBackendProvider(); }
 * }
 * }</pre>
 *
 * Where the device is absent each family is reported as one skipped test with the probe's reason,
 * unless {@code -Dconvnet.require} names the backend, which fails instead (see {@link BackendRequirement}). Each case is its
 * own dynamic test, named after its shapes and parameters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendConformanceTest {
    private BackendPair pair;
    /** Why the backend under test is absent (its cases are reported skipped), or null. */
    private String absent;

    /** The backend under test. */
    protected abstract BackendProvider provider();

    @BeforeAll
    void openBackends() {
        BackendProvider provider = provider();
        absent = BackendRequirement.unavailableReason(provider);
        if (absent == null) pair = BackendPair.open(provider);
    }

    /** Runs the families on an already opened pair (the kit's coverage meta-test). */
    void use(BackendPair opened) {
        pair = opened;
        absent = null;
    }

    private Stream<DynamicNode> family(String name, Function<BackendPair, Stream<DynamicNode>> cases) {
        return absent != null ? BackendRequirement.skipped(name, absent) : cases.apply(pair);
    }

    @AfterAll
    void closeBackends() {
        if (pair != null) pair.close();
    }

    @TestFactory Stream<DynamicNode> tensorContract() { return family("tensor contract", TensorContractConformance::tests); }

    @TestFactory Stream<DynamicNode> conv() { return family("conv", ConvConformance::tests); }

    @TestFactory Stream<DynamicNode> depthwiseConv() { return family("depthwise conv", DepthwiseConvConformance::tests); }

    @TestFactory Stream<DynamicNode> conv3d() { return family("conv3d", Conv3dConformance::tests); }

    @TestFactory Stream<DynamicNode> pool() { return family("pool", PoolConformance::tests); }

    @TestFactory Stream<DynamicNode> upsample() { return family("upsample", UpsampleConformance::tests); }

    @TestFactory Stream<DynamicNode> gemm() { return family("gemm", GemmConformance::tests); }

    @TestFactory Stream<DynamicNode> activation() { return family("activation", ActivationConformance::tests); }

    @TestFactory Stream<DynamicNode> normalization() { return family("normalization", NormalizationConformance::tests); }

    @TestFactory Stream<DynamicNode> loss() { return family("loss", LossConformance::tests); }

    @TestFactory Stream<DynamicNode> optimizer() { return family("optimizer", OptimizerConformance::tests); }

    @TestFactory Stream<DynamicNode> elementwise() { return family("elementwise", ElementwiseConformance::tests); }

    @TestFactory Stream<DynamicNode> dropout() { return family("dropout", DropoutConformance::tests); }

    @TestFactory Stream<DynamicNode> reduction() { return family("reduction", ReductionConformance::tests); }
}
