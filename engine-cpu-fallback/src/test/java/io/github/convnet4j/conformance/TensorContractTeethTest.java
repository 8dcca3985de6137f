package io.github.convnet4j.conformance;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.BackendException;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The tensor contract's teeth: each of these CPU backends has one defect of the kind the contract
 * cases exist for (memory not zeroed, an offset ignored, a value rounded wrongly, F64 narrowed, a
 * shape mismatch let through or reported badly), and exactly the cases meant for that defect must
 * fail. The numeric families get theirs from {@link ConformanceTeethTest}.
 */
class TensorContractTeethTest {
    private static final String ZERO = "allocate is zero-filled, also after reuse";
    private static final String FLOATS = "float upload/download round-trips exactly with offsets";
    private static final String DOUBLES = "double upload rounds to float32";
    private static final String VIEW = "reshape is a view of the same memory";
    private static final String F64 = "F64 round-trips exactly or is refused";
    private static final String MISMATCH = "";

    /** A defect: its name, the backend method it replaces, the replacement, and the cases that must fail. */
    record Defect(String name, String method, Replacement body, Set<String> mustFail) {}

    /** A replacement for one backend method: {@code inner} is the correct CPU backend. */
    interface Replacement {
        Object call(Backend inner, Object[] args, Method original) throws Throwable;
    }

    static List<Defect> defects() {
        return List.of(
                new Defect("every allocation holds 7.5s", "allocate", (b, a, m) -> filled((Tensor) m.invoke(b, a), 7.5f, b), Set.of(ZERO)),
                new Defect("reused memory is not zeroed", "allocate", new Replacement() {
                    int calls;
                    @java.lang.Override public Object call(Backend b, Object[] a, Method m) throws Throwable {
                        Tensor t = (Tensor) m.invoke(b, a);
                        return calls++ == 0 ? t : filled(t, 7.5f, b);
                    }
                }, Set.of(ZERO)),
                new Defect("float download ignores its offset", "download", (b, a, m) -> {
                    if (a[1] instanceof float[] dst && (int) a[2] > 0) {
                        float[] tmp = new float[dst.length];
                        b.download((Tensor) a[0], tmp, 0);
                        System.arraycopy(tmp, 0, dst, 0, dst.length);
                        return null;
                    }
                    return m.invoke(b, a);
                }, Set.of(FLOATS)),
                new Defect("float download writes ones before its offset", "download", (b, a, m) -> {
                    m.invoke(b, a);
                    if (a[1] instanceof float[] dst) Arrays.fill(dst, 0, (int) a[2], 1f);
                    return null;
                }, Set.of(FLOATS)),
                new Defect("float upload flushes -0 and subnormals to +0", "upload", (b, a, m) -> {
                    if (a[0] instanceof float[] src) {
                        float[] flushed = src.clone();
                        for (int i = 0; i < flushed.length; i++) if (Math.abs(flushed[i]) < Float.MIN_NORMAL) flushed[i] = 0f;
                        return m.invoke(b, flushed, a[1], a[2]);
                    }
                    return m.invoke(b, a);
                }, Set.of(FLOATS)),
                new Defect("double upload to F32 truncates toward zero", "upload", (b, a, m) -> {
                    Tensor t = (Tensor) a[2];
                    if (a[0] instanceof double[] src && t.dtype() == DType.F32) {
                        float[] truncated = new float[src.length];
                        for (int i = 0; i < src.length; i++) {
                            float f = (float) src[i];
                            truncated[i] = Math.abs((double) f) > Math.abs(src[i]) ? Math.nextAfter(f, 0.0) : f;
                        }
                        b.upload(truncated, (int) a[1], t);
                        return null;
                    }
                    return m.invoke(b, a);
                }, Set.of(DOUBLES)),
                new Defect("scale is a no-op", "elementwise", (b, a, m) -> overriding(m, b.elementwise(), "scale", (ops, args, op) -> null), Set.of(VIEW)),
                new Defect("F64 is narrowed to float32", "download", (b, a, m) -> {
                    if (a[1] instanceof double[] dst && ((Tensor) a[0]).dtype() == DType.F64) {
                        m.invoke(b, a);
                        for (int i = (int) a[2]; i < dst.length; i++) dst[i] = (float) dst[i];
                        return null;
                    }
                    return m.invoke(b, a);
                }, Set.of(F64)),
                new Defect("F64 allocations are F32", "allocate", (b, a, m) ->
                        a.length == 2 && a[1] == DType.F64 ? b.allocate((Shape) a[0], DType.F32) : m.invoke(b, a), Set.of(F64)),
                new Defect("claims no F64 but allocates it", "supports", (b, a, m) -> a[0] == DType.F64 ? false : m.invoke(b, a), Set.of(F64)),
                new Defect("conv lets a wrong output shape through", "conv", (b, a, m) -> silenced(m, b.conv()), Set.of(MISMATCH + "conv forward with a wrong output shape")),
                new Defect("gemm lets mismatched dimensions through", "gemm", (b, a, m) -> silenced(m, b.gemm()), Set.of(MISMATCH + "gemm with mismatched inner dimensions")),
                new Defect("pool lets a wrong output shape through", "pool", (b, a, m) -> silenced(m, b.pool()), Set.of(MISMATCH + "pool forward with a wrong output shape")),
                new Defect("add lets unequal sizes through", "elementwise", (b, a, m) -> silenced(m, b.elementwise()), Set.of(MISMATCH + "add with unequal sizes")),
                new Defect("batch norm lets a wrong channel count through", "normalization", (b, a, m) -> silenced(m, b.normalization()),
                        Set.of(MISMATCH + "batch norm with a wrong channel count")),
                new Defect("loss lets a mismatched target through", "loss", (b, a, m) -> silenced(m, b.loss()), Set.of(MISMATCH + "loss with mismatched target shape")),
                new Defect("loss reports a mismatch without a message", "loss", (b, a, m) -> rethrown(m, b.loss(), e -> new BackendException(" ")),
                        Set.of(MISMATCH + "loss with mismatched target shape")),
                new Defect("conv reports a mismatch as IllegalArgumentException", "conv", (b, a, m) -> rethrown(m, b.conv(), e -> new IllegalArgumentException(e.getMessage())),
                        Set.of(MISMATCH + "conv forward with a wrong output shape")));
    }

    @TestFactory
    Stream<DynamicTest> eachDefectFailsTheCasesMeantForIt() {
        return defects().stream().map(d -> DynamicTest.dynamicTest(d.name(), () -> {
            Backend cpu = BackendPair.cpuProvider().open("");
            Backend broken = withDefect(cpu, d);
            try (BackendPair pair = BackendPair.of(broken, BackendPair.cpuProvider().open(""))) {
                Set<String> failed = ConformanceRun.run(pair, List.of(tensorContract()), r -> {}).stream()
                        .filter(r -> !r.passed()).map(ConformanceRun.CaseResult::name).collect(Collectors.toCollection(TreeSet::new));
                assertEquals(new TreeSet<>(d.mustFail()), failed, d.name());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> theCorrectBackendPassesEveryCase() {
        return Stream.of(DynamicTest.dynamicTest("cpu", () -> {
            try (BackendPair pair = BackendPair.open(BackendPair.cpuProvider())) {
                List<ConformanceRun.CaseResult> results = ConformanceRun.run(pair, List.of(tensorContract()), r -> {});
                assertEquals(11, results.size(), "cases of the tensor contract");
                assertEquals(List.of(), results.stream().filter(r -> !r.passed()).map(ConformanceRun.CaseResult::failure).toList());
            }
        }));
    }

    private static ConformanceKit.Family tensorContract() {
        return ConformanceKit.family("tensor-contract");
    }

    private static Tensor filled(Tensor t, float value, Backend b) {
        float[] v = new float[Math.toIntExact(t.size())];
        Arrays.fill(v, value);
        if (t.dtype() == DType.F32) b.upload(v, 0, t);
        return t;
    }

    /** {@code inner} with {@code d}'s method replaced. */
    static Backend withDefect(Backend inner, Defect d) {
        return BackendProxies.of(Backend.class, inner, (m, backend, args) ->
                m.getName().equals(d.method()) ? d.body().call((Backend) backend, args == null ? new Object[0] : args, m) : m.invoke(backend, args));
    }

    /** An op family (returned by {@code accessor}) whose methods swallow the {@link BackendException}s they throw (returning 0 or nothing). */
    private static Object silenced(Method accessor, Object family) {
        return rethrown(accessor, family, e -> null);
    }

    /** An op family whose {@link BackendException}s are replaced by {@code replace}'s (null: swallowed). */
    private static Object rethrown(Method accessor, Object family, java.util.function.Function<BackendException, RuntimeException> replace) {
        return BackendProxies.of(accessor.getReturnType(), family, (m, ops, args) -> {
            try {
                return m.invoke(ops, args);
            } catch (InvocationTargetException e) {
                if (!(e.getCause() instanceof BackendException be)) throw e;
                RuntimeException instead = replace.apply(be);
                if (instead != null) throw instead;
                return m.getReturnType() == double.class ? 0.0 : m.getReturnType() == long.class ? 0L : null;
            }
        });
    }

    /** {@code family} (returned by {@code accessor}) with its method {@code name} replaced by {@code body}. */
    private static Object overriding(Method accessor, Object family, String name, Replacement body) {
        return BackendProxies.of(accessor.getReturnType(), family, (m, ops, args) ->
                m.getName().equals(name) ? body.call(null, args, m) : m.invoke(ops, args));
    }
}
