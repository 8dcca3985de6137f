package io.github.convnet4j.conformance;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.BackendProvider;
import io.github.convnet4j.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kit's teeth: in every family, one wrong value in any result an op writes must fail the
 * case. The other kit tests run the cases against correct backends, where a check that was dropped
 * or made much too loose goes unnoticed; here the cases run against backends that are wrong on purpose.
 *
 * <p>Both sides of the pair are the CPU backend behind a proxy. A first, clean run of a case records
 * its op calls, which tensor arguments each call changed (and the value an op returns, such as a
 * loss or a count; a count is corrupted by one). The case's <em>results</em> are the outputs no later op call reads. Then, for each result,
 * the case runs again with that one result corrupted right after the op wrote it: its
 * largest-magnitude value {@code v} moves by {@code 0.001 |v| + 0.0001}, a bug far smaller than a
 * wrong index or formula (off by O(|v|)) and far larger than any rounding the kit allows. Every such
 * run must fail, so a check that is dropped, or loosened past that size, fails this test. (A tenth
 * of it, 1e-4 relative and 1e-6 absolute, would be too small: the kit rightly allows more than that
 * on batch norm's dx, Adam's second moment and the tiny loss value of confidently right logits, whose
 * log-sum-exp cancels against logits up to 20.) Results are corrupted on the backend under test and on
 * the reference, so the checks of both sides are covered (the reference's own dropout mask is
 * checked against the hash, for one).
 *
 * <p>One case of each kind is corrupted ({@link CaseKinds}): the others run the same body on other sizes.
 *
 * <p>A value an op writes and a later op reads (a forward pass's y, read by max pooling's backward
 * pass) is not corrupted: the later op need not depend on all of it, and the case that computes it
 * last checks it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConformanceTeethTest {
    /** The corruption {@code 0.001 |v| + 0.0001}. */
    private static final double RELATIVE_ERROR = 1e-3, ABSOLUTE_ERROR = 1e-4;

    private Faulty test, ref;
    private BackendPair pair;

    @BeforeAll
    void open() {
        BackendProvider cpu = BackendPair.cpuProvider();
        test = new Faulty(cpu.open(""), false);
        ref = new Faulty(cpu.open(""), true);
        pair = BackendPair.of(test.proxy, ref.proxy);
    }

    @AfterAll
    void close() {
        if (pair != null) pair.close();
    }

    /**
     * One result of a case: on which side, the index of the op call that wrote it, the argument
     * (-1: the returned value) and the tensor (null for a returned value).
     */
    record Output(Faulty side, int call, String op, int arg, Tensor tensor) {
        String describe() { return (side.isRef ? "reference " : "") + "call " + call + " " + op + (arg < 0 ? " returned value" : " argument " + arg); }
    }

    @TestFactory
    Stream<DynamicTest> aWrongValueInAnyResultFailsTheCase() {
        return ConformanceKit.families().stream().map(f -> DynamicTest.dynamicTest(f.name(), () -> family(f)));
    }

    @Test
    void representativesKeepOneCaseOfEachKind() {
        BackendPair any = pair;
        ConformanceCase a = new ConformanceCase("MAX x (1, 2, 5, 6) window 2x2", "forward", any, s -> {});
        ConformanceCase b = new ConformanceCase("MAX x (2, 3, 8, 8) window 3x3", "forward", any, s -> {});
        ConformanceCase c = new ConformanceCase("MAX x (2, 3, 8, 8) window 3x3", "backward", any, s -> {});
        ConformanceCase d = new ConformanceCase("AVERAGE x (1, 2, 5, 6) window 2x2", "forward", any, s -> {});
        assertEquals(List.of(a, c, d), CaseKinds.representatives(List.of(a, b, c, d)));
    }

    private void family(ConformanceKit.Family family) {
        List<ConformanceCase> cases = family.on(pair).cases().toList();
        int corrupted = 0;
        List<String> unnoticed = new ArrayList<>();
        for (ConformanceCase c : CaseKinds.representatives(cases)) {
            for (Output o : record(c)) {
                if (runsClean(c, o)) unnoticed.add(c.fullName() + ": " + o.describe());
                corrupted++;
            }
        }
        // The tensor contract's cases exercise allocation, upload, download and views, not op families.
        assertTrue(corrupted > 0 || family.name().equals("tensor-contract"),
                family.name() + ": no op of the family wrote a result in " + cases.size() + " cases");
        assertEquals(List.of(), unnoticed, family.name() + ": a wrong value in these results does not fail the case");
    }

    /** Runs {@code c} cleanly (it must pass) and returns its results, on both sides in call order. */
    private List<Output> record(ConformanceCase c) {
        test.reset(null);
        ref.reset(null);
        c.run();
        List<Output> all = new ArrayList<>(test.results());
        all.addAll(ref.results());
        return all;
    }

    /** Runs {@code c} with {@code o} corrupted; true when the case still passed. */
    private boolean runsClean(ConformanceCase c, Output o) {
        test.reset(o.side == test ? o : null);
        ref.reset(o.side == ref ? o : null);
        boolean passed;
        try {
            c.run();
            passed = true;
        } catch (AssertionError expected) {
            passed = false;
        }
        assertTrue(o.side.corrupted, c.fullName() + ": the second run did not reach " + o.describe());
        return passed;
    }

    /**
     * The CPU backend behind a proxy that records the tensors each op call changes and can corrupt
     * one result of one call. The op families (conv(), loss(), ...) are watched; the backend's
     * upload and download pass through unchanged, so the kit reads true values.
     */
    static final class Faulty {
        final Backend inner;
        final Backend proxy;
        final boolean isRef;
        /** Per op call of the current run, by call index: its tensor arguments. */
        private final List<List<Tensor>> arguments = new ArrayList<>();
        private final List<Output> written = new ArrayList<>();
        private Output target;
        boolean corrupted;

        Faulty(Backend inner, boolean isRef) {
            this.inner = inner;
            this.isRef = isRef;
            this.proxy = BackendProxies.withOps(inner, this::call);
        }

        /** Starts a run; it corrupts {@code corrupt} (null: none). */
        void reset(Output corrupt) {
            arguments.clear();
            written.clear();
            target = corrupt;
            corrupted = false;
        }

        /** The outputs of the run that no later call of this side took as an argument. */
        List<Output> results() {
            List<Output> out = new ArrayList<>();
            for (Output o : written) {
                boolean readLater = false;
                for (int j = o.call + 1; j < arguments.size() && o.tensor != null; j++) {
                    for (Tensor t : arguments.get(j)) readLater |= t == o.tensor;
                }
                if (!readLater) out.add(o);
            }
            return out;
        }

        private Object call(Method op, Object family, Object[] args) throws Throwable {
            String name = op.getDeclaringClass().getSimpleName() + "." + op.getName();
            int index = arguments.size();
            List<Tensor> tensors = tensors(args);
            arguments.add(tensors);
            List<double[]> before = new ArrayList<>();
            for (Tensor t : tensors) before.add(values(t));
            Object result = op.invoke(family, args);
            for (int k = 0; k < tensors.size(); k++) {
                double[] after = values(tensors.get(k));
                if (Arrays.equals(before.get(k), after)) continue;
                written.add(new Output(this, index, name, k, tensors.get(k)));
                if (target != null && target.call == index && target.arg == k) corrupt(tensors.get(k), after);
            }
            if (result instanceof Double || result instanceof Long) {
                written.add(new Output(this, index, name, -1, null));
                if (target != null && target.call == index && target.arg == -1) {
                    corrupted = true;
                    return result instanceof Double d ? (Object) wrong(d) : (Object) ((Long) result + 1);   // a count off by one
                }
            }
            return result;
        }

        /** Makes the largest-magnitude finite value of {@code t} wrong. */
        private void corrupt(Tensor t, double[] values) {
            int at = -1;
            for (int i = 0; i < values.length; i++) {
                if (Double.isFinite(values[i]) && (at < 0 || Math.abs(values[i]) > Math.abs(values[at]))) at = i;
            }
            if (at < 0) return;   // nothing finite to corrupt: not marked corrupted, so the test says so
            values[at] = wrong(values[at]);
            inner.upload(values, 0, t);
            corrupted = true;
        }

        private static double wrong(double v) { return v + RELATIVE_ERROR * Math.abs(v) + ABSOLUTE_ERROR; }

        private double[] values(Tensor t) {
            double[] d = new double[Math.toIntExact(t.size())];
            inner.download(t, d, 0);
            return d;
        }

        /** The tensor arguments of a call, in order (arrays and lists of tensors flattened). */
        private static List<Tensor> tensors(Object[] args) {
            List<Tensor> out = new ArrayList<>();
            if (args == null) return out;
            for (Object a : args) {
                if (a instanceof Tensor t) out.add(t);
                else if (a instanceof Tensor[] ts) out.addAll(Arrays.asList(ts));
                else if (a instanceof List<?> l) for (Object x : l) if (x instanceof Tensor t) out.add(t);
            }
            return out;
        }
    }
}
