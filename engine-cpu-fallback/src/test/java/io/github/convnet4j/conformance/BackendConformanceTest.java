package io.github.convnet4j.conformance;

import io.github.convnet4j.backend.BackendProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

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
 * Where the device is absent the whole class is skipped with the probe's reason, unless
 * {@code -Dconvnet.require} names the backend (see {@link BackendRequirement}). Each case is its
 * own dynamic test, named after its shapes and parameters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendConformanceTest {
    private BackendPair pair;

    /** The backend under test. */
    protected abstract BackendProvider provider();

    @BeforeAll
    void openBackends() {
        BackendProvider provider = provider();
        BackendRequirement.assumeAvailable(provider);
        pair = BackendPair.open(provider);
    }

    @AfterAll
    void closeBackends() {
        if (pair != null) pair.close();
    }

    @TestFactory Stream<DynamicNode> tensorContract() { return TensorContractConformance.tests(pair); }

    @TestFactory Stream<DynamicNode> conv() { return ConvConformance.tests(pair); }

    @TestFactory Stream<DynamicNode> pool() { return PoolConformance.tests(pair); }

    @TestFactory Stream<DynamicNode> gemm() { return GemmConformance.tests(pair); }

    @TestFactory Stream<DynamicNode> activation() { return ActivationConformance.tests(pair); }

    @TestFactory Stream<DynamicNode> normalization() { return NormalizationConformance.tests(pair); }

    @TestFactory Stream<DynamicNode> loss() { return LossConformance.tests(pair); }

    @TestFactory Stream<DynamicNode> optimizer() { return OptimizerConformance.tests(pair); }

    @TestFactory Stream<DynamicNode> elementwise() { return ElementwiseConformance.tests(pair); }

    @TestFactory Stream<DynamicNode> dropout() { return DropoutConformance.tests(pair); }

    @TestFactory Stream<DynamicNode> reduction() { return ReductionConformance.tests(pair); }
}
