package io.github.convnet4j.golden;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.BackendProvider;
import io.github.convnet4j.conformance.BackendRequirement;
import io.github.convnet4j.conformance.Cases;
import io.github.convnet4j.tensor.DType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.util.function.BiConsumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A backend against values computed by PyTorch (an independent implementation) from the same
 * float32 inputs: conv2d, max/avg pooling, batch norm, linear, activations and losses, forward and
 * backward, and whole graph blocks (Inception, squeeze-and-excitation) through the model. A backend's test is a subclass naming its provider, like the conformance kit's;
 * {@link #dtype()} may be overridden to F64 (the CPU reference checks itself that way).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class GoldenValuesTest {
    private Backend backend;
    private String absent;

    /** The backend under test. */
    protected abstract BackendProvider provider();

    /** The dtype the ops run in; F32 unless overridden. */
    protected DType dtype() { return DType.F32; }

    @BeforeAll
    void openBackend() {
        absent = BackendRequirement.unavailableReason(provider());
        if (absent != null) return;
        backend = provider().open("");
        assumeTrue(backend.supports(dtype()), backend.description() + " does not support " + dtype());
    }

    @AfterAll
    void closeBackend() {
        if (backend != null) backend.close();
    }

    @TestFactory Stream<DynamicNode> conv2d() { return cases("conv2d", GoldenConv::check); }

    @TestFactory Stream<DynamicNode> pool2d() { return cases("pool2d", GoldenPool::check); }

    @TestFactory Stream<DynamicNode> batchNorm() { return cases("batch_norm", GoldenBatchNorm::check); }

    @TestFactory Stream<DynamicNode> linear() { return cases("linear", GoldenLinear::check); }

    @TestFactory Stream<DynamicNode> activation() { return cases("activation", GoldenActivation::check); }

    @TestFactory Stream<DynamicNode> loss() { return cases("loss", GoldenLoss::check); }

    @TestFactory Stream<DynamicNode> blocks() { return cases("blocks", GoldenBlocks::check); }

    /** One dynamic test per case of {@code golden/<op>.json}. */
    private Stream<DynamicNode> cases(String op, BiConsumer<GoldenScope, GoldenFile.Case> check) {
        if (absent != null) return BackendRequirement.skipped(op, absent);
        GoldenFile file = GoldenFile.load(op);
        return file.cases().stream().map(c -> DynamicTest.dynamicTest(op + ": " + c.name(), () -> {
            try (GoldenScope scope = new GoldenScope(backend, dtype())) {
                check.accept(scope, c);
            } catch (AssertionError e) {
                throw Cases.named(op + ": " + c.name(), e);
            }
        }));
    }
}
