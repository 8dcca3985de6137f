package io.github.convnet4j.conformance;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.BackendProvider;
import io.github.convnet4j.backend.ops.LossKind;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.nn.AbstractLayer;
import io.github.convnet4j.nn.ForwardContext;
import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Gradient checks for every layer: the backend under test computes analytic gradients (forward +
 * backward in its best dtype: F64 where supported, else F32), and the CPU backend in F64 computes
 * numeric ones by central differences ({@link LayerGradientCheckNumeric}) of the same model on the
 * same float32-representable data. Every parameter gradient and the input gradient are compared
 * with {@link Tolerance}. A backend's test is a subclass naming its provider:
 *
 * <pre>{@code
 * class OpenClLayerGradientCheckTest extends LayerGradientCheckKit {
 *     @Override protected BackendProvider provider() { return new OpenClBackendProvider(); }
 * }
 * }</pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LayerGradientCheckKit {
    /** Tensors with more coordinates are checked on a seeded random subset of this many. */
    private static final int MAX_COORDINATES = 300;

    /**
     * {@code -Dconvnet.gradcheck.report=true} in the test JVM, or the environment variable
     * {@code CONVNET_GRADCHECK_REPORT=true} (which reaches surefire's forked JVM), prints each
     * comparison's worst error.
     */
    public static final String REPORT_PROPERTY = "convnet.gradcheck.report";

    private static boolean reportRequested() {
        return Boolean.getBoolean(REPORT_PROPERTY) || "true".equalsIgnoreCase(System.getenv("CONVNET_GRADCHECK_REPORT"));
    }

    private BackendPair pair;
    /** Why the backend under test is absent (its cases are reported skipped), or null. */
    private String absent;

    /** The backend under test. */
    protected abstract BackendProvider provider();

    /** The dtype the analytic side runs in: F64 where the backend has it, else F32. */
    protected DType analyticDType(Backend test) { return test.supports(DType.F64) ? DType.F64 : DType.F32; }

    /**
     * The allowance between analytic and numeric gradients. F64: the numeric estimate is good to
     * about 1e-9 (f64 round-off over the step, and O(h^2) truncation), so 1e-6 relative with a
     * 1e-7 absolute floor; the CPU backend uses at most 5% of it. F32: the analytic side carries
     * float32 round-off ({@code U = 6e-8}) of sums over up to a few hundred terms through a few
     * layers, bounded by about {@code U K}, i.e. 2e-5 of the largest gradient, so 1e-4 relative
     * plus 1e-5 of the largest gradient absolute; the CPU backend's F32 path uses at most ~2% of
     * it, and a dropped or misplaced term moves a gradient by far more.
     *
     * @param largest the largest |numeric gradient| of the tensor compared
     */
    protected Tolerance tolerance(DType analytic, double largest) {
        return analytic == DType.F64 ? new Tolerance(1e-7, 1e-6) : new Tolerance(1e-5 * Math.max(largest, 1e-3), 1e-4);
    }

    /** The cases to run; subclasses may filter (e.g. a backend without some op). */
    protected List<LayerGradientCheckCase> cases() { return LayerGradientCheckCases.all(); }

    @BeforeAll
    void openBackends() {
        absent = BackendRequirement.unavailableReason(provider());
        if (absent == null) pair = BackendPair.open(provider());
    }

    @AfterAll
    void closeBackends() {
        if (pair != null) pair.close();
    }

    @TestFactory
    Stream<? extends DynamicNode> layerGradients() {
        if (absent != null) return BackendRequirement.skipped("layer gradients", absent);
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private void check(LayerGradientCheckCase c) {
        DType dtype = analyticDType(pair.test);
        try (Model ref = Model.of(c.spec()); Model test = Model.of(c.spec());
             Allocations mem = new Allocations()) {
            ref.build(pair.ref, DType.F64, c.seed());
            test.build(pair.test, dtype, c.seed());
            Data data = new Data(c.seed());
            List<Parameter> refParams = ref.parameters(), testParams = test.parameters();
            List<double[]> values = new ArrayList<>();
            for (int i = 0; i < refParams.size(); i++) {
                double[] v = startValues(refParams.get(i), data);
                pair.ref.upload(v, 0, refParams.get(i).value());
                pair.test.upload(v, 0, testParams.get(i).value());
                values.add(v);
            }
            Shape xShape = AbstractLayer.batched(c.batch(), ref.inputShape());
            Shape yShape = AbstractLayer.batched(c.batch(), ref.outputShape());
            double[] x = c.awayFromZero() ? data.awayFromZero(xShape.size(), 1, 0.05) : data.uniform(xShape);
            double[] r = data.uniform(yShape);
            double[] target = c.loss() == null ? null : targets(c.loss(), yShape, data);
            ForwardContext ctx = new ForwardContext(c.training(), 20_240_601);

            // Analytic, on the backend under test.
            Tensor xTest = mem.upload(pair.test, x, xShape, dtype);
            Tensor y = test.forward(xTest, ctx, c.logits());
            Tensor dOut;
            if (c.loss() == null) {
                dOut = mem.upload(pair.test, r, yShape, dtype);
            } else {
                dOut = mem.add(pair.test.allocate(yShape, dtype));
                pair.test.loss().forwardBackward(c.loss(), y, mem.upload(pair.test, target, yShape, dtype), dOut);
            }
            double[] dxAnalytic = download(pair.test, test.backward(dOut, true));
            List<double[]> gradsAnalytic = new ArrayList<>();
            for (Parameter p : testParams) gradsAnalytic.add(p.grad() == null ? null : download(pair.test, p.grad()));

            // Numeric, on the CPU reference in F64.
            Tensor xRef = mem.upload(pair.ref, x, xShape, DType.F64);
            Tensor targetRef = target == null ? null : mem.upload(pair.ref, target, yShape, DType.F64);
            DoubleSupplier objective = () -> {
                Tensor out = ref.forward(xRef, ctx, c.logits());
                if (c.loss() != null) return pair.ref.loss().forwardBackward(c.loss(), out, targetRef, null);
                double[] o = download(pair.ref, out);
                double s = 0;
                for (int i = 0; i < o.length; i++) s += o[i] * r[i];
                return s;
            };
            SplittableRandom pick = new SplittableRandom(c.seed() ^ 0x5EEDL);
            int checkedTensors = compare(c, dtype, "input gradient " + xShape, x, i -> pair.ref.upload(x, 0, xRef), objective,
                    dxAnalytic, xShape, pick);
            for (int i = 0; i < refParams.size(); i++) {
                Parameter p = testParams.get(i);
                if (p.grad() == null) {
                    assertNull(refParams.get(i).grad(), p.name() + " has a gradient on one side only");
                    continue;
                }
                double[] v = values.get(i);
                Tensor refValue = refParams.get(i).value();
                checkedTensors += compare(c, dtype, p.name() + " " + p.value().shape(), v, j -> pair.ref.upload(v, 0, refValue),
                        objective, gradsAnalytic.get(i), p.value().shape(), pick);
            }
            assertTrue(checkedTensors > 0, c.name() + ": nothing was compared");
        }
    }

    private int compare(LayerGradientCheckCase c, DType dtype, String what, double[] values, java.util.function.IntConsumer apply,
                        DoubleSupplier objective, double[] analytic, Shape shape, SplittableRandom pick) {
        boolean[] checked = new boolean[values.length];
        if (values.length <= MAX_COORDINATES) {
            java.util.Arrays.fill(checked, true);
        } else {
            for (int k = 0; k < MAX_COORDINATES; k++) checked[pick.nextInt(values.length)] = true;
        }
        LayerGradientCheckNumeric.Result numeric = LayerGradientCheckNumeric.gradient(values, apply, objective, checked);
        apply.accept(0);
        int count = 0;
        double largest = 0;
        double[] expected = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            boolean compared = checked[i] && !numeric.skipped()[i];
            expected[i] = compared ? numeric.gradient()[i] : analytic[i];
            if (checked[i]) count++;
            if (compared) largest = Math.max(largest, Math.abs(expected[i]));
        }
        assertTrue(numeric.skippedCount() <= Math.max(1, count / 100),
                c.name() + ": " + what + ": " + numeric.skippedCount() + " of " + count + " coordinates sit on a kink; redraw the data");
        Tolerance tol = tolerance(dtype, largest);
        if (reportRequested()) report(c, what, expected, analytic, tol, count, numeric.skippedCount());
        tol.assertClose(c.name() + ": " + what, expected, analytic, shape);
        return 1;
    }

    /** Prints the worst error as a fraction of the allowance, for choosing and documenting tolerances. */
    private static void report(LayerGradientCheckCase c, String what, double[] expected, double[] analytic, Tolerance tol,
                               int checked, int skipped) {
        double worstDiff = 0, worstUse = 0;
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs(expected[i] - analytic[i]);
            worstDiff = Math.max(worstDiff, diff);
            worstUse = Math.max(worstUse, diff / (tol.atol() + tol.rtol() * Math.abs(expected[i])));
        }
        System.out.printf(java.util.Locale.ROOT, "gradcheck %-55s %-40s checked %4d skipped %d worst |diff| %.2e (%.1f%% of allowance)%n",
                c.name(), what, checked, skipped, worstDiff, 100 * worstUse);
    }

    /** Kernels keep their initializer's values (rounded to float32); everything else gets values that exercise it. */
    private double[] startValues(Parameter p, Data data) {
        String local = p.name().substring(p.name().lastIndexOf('/') + 1);
        long n = p.value().size();
        return switch (local) {
            case "kernel" -> {
                double[] v = download(pair.ref, p.value());
                for (int i = 0; i < v.length; i++) v[i] = (float) v[i];
                yield v;
            }
            case "gamma", "moving_variance" -> data.uniform(n, 0.5, 1.5);
            default -> data.uniform(n, -0.5, 0.5);
        };
    }

    private static double[] targets(LossKind kind, Shape shape, Data data) {
        return switch (kind) {
            case SOFTMAX_CROSS_ENTROPY -> data.softLabels(shape.dim(0), shape.sampleSize());
            case SIGMOID_BINARY_CROSS_ENTROPY -> data.uniform(shape.size(), 0, 1);
            case MEAN_SQUARED_ERROR, MEAN_ABSOLUTE_ERROR -> data.uniform(shape);
        };
    }

    private static double[] download(Backend b, Tensor t) {
        double[] d = new double[Math.toIntExact(t.size())];
        b.download(t, d, 0);
        return d;
    }

    /** Tensors a check allocates outside the models, freed at its end. */
    private static final class Allocations implements AutoCloseable {
        private final List<Tensor> tensors = new ArrayList<>();

        Tensor add(Tensor t) {
            tensors.add(t);
            return t;
        }

        Tensor upload(Backend b, double[] values, Shape shape, DType dtype) {
            Tensor t = add(b.allocate(shape, dtype));
            b.upload(values, 0, t);
            return t;
        }

        @Override public void close() {
            for (Tensor t : tensors) t.close();
        }
    }
}
