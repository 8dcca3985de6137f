package io.github.convnet4j.conformance;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.BackendProvider;
import io.github.convnet4j.backend.BackendRegistry;
import io.github.convnet4j.tensor.DType;

import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

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
        return open(() -> provider.open(""));
    }

    /**
     * Opens a CPU reference beside the backend {@code test} opens; the pair owns both (closing it
     * closes the backend under test too).
     */
    public static BackendPair open(Supplier<Backend> test) {
        Backend ref = cpuProvider().open("");
        try {
            if (!ref.supports(DType.F64)) throw new IllegalStateException("the cpu reference backend does not support F64: " + ref.description());
            return new BackendPair(test.get(), ref);
        } catch (RuntimeException | Error e) {
            ref.close();
            throw e;
        }
    }

    /**
     * The CPU provider, found with {@link java.util.ServiceLoader} so that the kit compiles without
     * naming the CPU classes (the backend modules have engine-cpu-fallback on their test class path, the CLI at run time).
     */
    public static BackendProvider cpuProvider() {
        BackendRegistry registry = BackendRegistry.discover();
        BackendProvider cpu = registry.provider("cpu");
        if (cpu == null) {
            throw new IllegalStateException("no BackendProvider named 'cpu' on the class path (found: "
                    + registry.providers().stream().map(BackendProvider::name).collect(Collectors.joining(", "))
                    + "); the conformance kit needs engine-cpu-fallback as the reference");
        }
        return cpu;
    }

    /** A fresh allocation scope; close it at the end of the case. */
    public Scope scope() { return scope(c -> {}); }

    /** A fresh allocation scope whose checks are also handed to {@code checks}; close it at the end of the case. */
    public Scope scope(Consumer<Comparison> checks) { return new Scope(this, checks); }

    @Override public void close() {
        try {
            test.close();
        } finally {
            ref.close();
        }
    }
}
