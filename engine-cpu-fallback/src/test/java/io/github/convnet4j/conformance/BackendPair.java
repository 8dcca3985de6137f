package io.github.convnet4j.conformance;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.BackendProvider;
import io.github.convnet4j.backend.BackendRegistry;
import io.github.convnet4j.tensor.DType;

import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The backend under test, opened in F32, beside the reference: the CPU backend running in F64.
 * Every case draws its tensors through a {@link Scope} so both sides get the same values and
 * everything is freed when the case ends.
 */
public final class BackendPair implements AutoCloseable {
    /** The backend under test; its tensors are F32. */
    public final Backend test;
    /** The CPU backend; its tensors are F64. */
    public final Backend ref;

    private BackendPair(Backend test, Backend ref) {
        this.test = test;
        this.ref = ref;
    }

    /** Opens the default device of {@code provider} and a CPU reference. */
    public static BackendPair open(BackendProvider provider) {
        Backend ref = cpuProvider().open("");
        try {
            if (!ref.supports(DType.F64)) fail("the cpu reference backend does not support F64: " + ref.description());
            return new BackendPair(provider.open(""), ref);
        } catch (RuntimeException | Error e) {
            ref.close();
            throw e;
        }
    }

    /** A pair of already opened backends (the kit's own meta-tests wrap the backend under test). */
    static BackendPair of(Backend test, Backend ref) { return new BackendPair(test, ref); }

    /**
     * The CPU provider, found with {@link java.util.ServiceLoader} so that the kit compiles without
     * naming the CPU classes (every backend module has engine-cpu-fallback on its test class path).
     */
    public static BackendProvider cpuProvider() {
        BackendRegistry registry = BackendRegistry.discover();
        BackendProvider cpu = registry.provider("cpu");
        if (cpu == null) {
            fail("no BackendProvider named 'cpu' on the class path (found: "
                    + registry.providers().stream().map(BackendProvider::name).collect(Collectors.joining(", "))
                    + "); the conformance kit needs engine-cpu-fallback as the reference");
        }
        return cpu;
    }

    /** A fresh allocation scope; close it at the end of the case. */
    public Scope scope() { return new Scope(this); }

    @Override public void close() {
        try {
            test.close();
        } finally {
            ref.close();
        }
    }
}
