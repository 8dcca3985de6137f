package io.github.convnet4j.opencl;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.ops.LossKind;
import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.data.MnistFormat;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.Presets;
import io.github.convnet4j.nn.ForwardContext;
import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import io.github.convnet4j.testdata.BundledData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A measurement, not a test: how much error each float32 configuration of
 * {@link TrajectoryDivergence} adds in one step, at the same weights, against the float64 CPU.
 * Weights come from a {@code cpu-f64} snapshot file of that tool, rounded to float so that every
 * configuration starts from the same numbers; the batch is 64 training images from a given index.
 *
 * <p>Usage: {@code GradientErrors params|loss <snapshotFile> <step> <batchStart>}, e.g.
 * {@code params /tmp/traj/cpu-f64-seed42-1_10_100_300.bin 300 0}.
 */
public final class GradientErrors {
    private static final int BATCH = 64;

    private GradientErrors() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "params" -> parameterGradients(args);
            case "loss" -> lossGradients(args);
            default -> throw new IllegalArgumentException("mode must be params or loss, got " + args[0]);
        }
    }

    /** One batch of training images and one-hot labels, as doubles for any dtype. */
    private record Batch(double[] images, double[] oneHot, int classes) {
        static Batch load(int start) throws IOException {
            MnistFormat.TrainTest data = MnistFormat.load(name -> BundledData.open("fashion-mnist", name), "fashion-mnist");
            Dataset train = data.train();
            int sample = train.sampleSize(), classes = train.numClasses();
            double[] xs = new double[BATCH * sample], ys = new double[BATCH * classes];
            float[] one = new float[sample];
            for (int i = 0; i < BATCH; i++) {
                train.copySample(start + i, one, 0);
                for (int j = 0; j < sample; j++) xs[i * sample + j] = one[j];
                ys[i * classes + train.label(start + i)] = 1;
            }
            return new Batch(xs, ys, classes);
        }
    }

    /**
     * {@code params <snapshotFile> <step> <batchStart>}: loads the weights of a snapshot, computes the
     * gradient of one batch (64 training images from batchStart) on every configuration and prints
     * each float32 gradient's error against the float64 one, per parameter: relative L2 and the
     * largest element error relative to that parameter's largest float64 gradient element.
     */
    private static void parameterGradients(String[] args) throws Exception {
        TrajectorySnapshots snap = TrajectorySnapshots.read(Path.of(args[1]));
        List<double[]> weights = snap.byStep().get(Integer.parseInt(args[2]));
        // Float-representable weights, so that every configuration starts from the same numbers.
        for (double[] w : weights) for (int i = 0; i < w.length; i++) w[i] = (float) w[i];
        int start = Integer.parseInt(args[3]);
        Batch in = Batch.load(start);
        Map<String, List<double[]>> grads = new LinkedHashMap<>();
        for (String c : TrajectoryDivergence.ALL) grads.put(c, gradient(c, weights, in));
        List<double[]> ref = grads.get("cpu-f64");
        System.out.printf(Locale.ROOT, "gradient errors against cpu-f64 at step %s, batch from %d: relative L2 / max element error over max |ref|%n%-18s", args[2], start, "");
        for (String n : snap.names()) System.out.printf(Locale.ROOT, "%21s", n.length() > 20 ? n.substring(n.length() - 20) : n);
        System.out.println();
        for (String c : TrajectoryDivergence.ALL) {
            if (c.equals("cpu-f64")) continue;
            System.out.printf(Locale.ROOT, "%-18s", c);
            for (int i = 0; i < ref.size(); i++) {
                double[] a = grads.get(c).get(i), r = ref.get(i);
                double max = 0, err = 0;
                for (int j = 0; j < r.length; j++) {
                    max = Math.max(max, Math.abs(r[j]));
                    err = Math.max(err, Math.abs(a[j] - r[j]));
                }
                System.out.printf(Locale.ROOT, "  %9.2e/%9.2e", TrajectoryDivergence.relative(List.of(a), List.of(r), -1), err / max);
            }
            System.out.println();
        }
    }

    /**
     * {@code loss <snapshotFile> <step> <batchStart>}: the float64 model's logits for one batch,
     * rounded to float, go through the fused softmax cross-entropy on every configuration; prints each
     * float32 loss gradient's error against the float64 one computed from the same rounded logits.
     */
    private static void lossGradients(String[] args) throws Exception {
        TrajectorySnapshots snap = TrajectorySnapshots.read(Path.of(args[1]));
        List<double[]> weights = snap.byStep().get(Integer.parseInt(args[2]));
        int start = Integer.parseInt(args[3]);
        Batch in = Batch.load(start);
        double[] logits = new double[BATCH * in.classes()];
        try (Backend b = TrajectoryDivergence.open("cpu-f64");
             Model model = Model.of(Presets.get("keras-mnist"));
             Tensor x = b.allocate(Shape.of(BATCH, 1, 28, 28), DType.F64)) {
            model.build(b, DType.F64, 0);
            List<Parameter> params = model.parameters();
            for (int i = 0; i < params.size(); i++) b.upload(weights.get(i), 0, params.get(i).value());
            b.upload(in.images(), 0, x);
            b.download(model.forward(x, ForwardContext.INFERENCE, true), logits, 0);
        }
        for (int i = 0; i < logits.length; i++) logits[i] = (float) logits[i];
        Map<String, double[]> grads = new LinkedHashMap<>();
        for (String c : List.of("cpu-f64", "cpu-f32", "opencl-f32")) {
            DType dt = c.endsWith("f64") ? DType.F64 : DType.F32;
            try (Backend b = TrajectoryDivergence.open(c);
                 Tensor z = b.allocate(Shape.of(BATCH, in.classes()), dt);
                 Tensor y = b.allocate(Shape.of(BATCH, in.classes()), dt);
                 Tensor g = b.allocate(Shape.of(BATCH, in.classes()), dt)) {
                b.upload(logits, 0, z);
                b.upload(in.oneHot(), 0, y);
                double loss = b.loss().forwardBackward(LossKind.SOFTMAX_CROSS_ENTROPY, z, y, g);
                grads.put(c, TrajectoryDivergence.download(g));
                System.out.printf(Locale.ROOT, "%-12s loss %.10f%n", c, loss);
            }
        }
        double[] ref = grads.get("cpu-f64");
        for (String c : List.of("cpu-f32", "opencl-f32")) {
            double[] a = grads.get(c);
            double worst = 0;
            for (int i = 0; i < ref.length; i++) if (ref[i] != 0) worst = Math.max(worst, Math.abs(a[i] - ref[i]) / Math.abs(ref[i]));
            System.out.printf(Locale.ROOT, "%-12s loss gradient: relative L2 %.3e, worst element relative error %.3e%n",
                    c, TrajectoryDivergence.relative(List.of(a), List.of(ref), -1), worst);
        }
    }

    private static List<double[]> gradient(String config, List<double[]> weights, Batch in) {
        DType dt = config.endsWith("f64") ? DType.F64 : DType.F32;
        try (Backend b = TrajectoryDivergence.open(config); Model model = Model.of(Presets.get("keras-mnist"));
             Tensor x = b.allocate(Shape.of(BATCH, 1, 28, 28), dt);
             Tensor y = b.allocate(Shape.of(BATCH, in.classes()), dt);
             Tensor g = b.allocate(Shape.of(BATCH, in.classes()), dt)) {
            model.build(b, dt, 0);
            List<Parameter> params = model.parameters();
            for (int i = 0; i < params.size(); i++) b.upload(weights.get(i), 0, params.get(i).value());
            b.upload(in.images(), 0, x);
            b.upload(in.oneHot(), 0, y);
            Tensor out = model.forward(x, new ForwardContext(true, 0), true);
            b.loss().forwardBackward(LossKind.SOFTMAX_CROSS_ENTROPY, out, y, g);
            model.backward(g, false);
            List<double[]> result = new ArrayList<>();
            for (Parameter p : params) result.add(TrajectoryDivergence.download(p.grad()));
            return result;
        }
    }
}
