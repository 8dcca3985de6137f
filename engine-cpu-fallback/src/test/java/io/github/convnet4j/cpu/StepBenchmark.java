package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.ops.LossKind;
import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.Presets;
import io.github.convnet4j.nn.AbstractLayer;
import io.github.convnet4j.nn.ForwardContext;
import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.optim.Optimizer;
import io.github.convnet4j.optim.Optimizers;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import io.github.convnet4j.train.TrainConfig;
import io.github.convnet4j.train.Trainer;
import io.github.convnet4j.train.TrainingListener;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A one-off measurement, not a unit test: training throughput of a preset on the CPU backend with
 * random data, the whole step as the {@link Trainer} runs it (host batch assembly, upload, forward,
 * fused loss, backward, Adam), then a per-layer breakdown of forward and backward. Reports wall
 * images/s and images per CPU-second (all threads), which stays meaningful on a loaded machine.
 * Run from the repository root after {@code mvn -q -o -pl engine-cpu-fallback -am test-compile}:
 * <pre>
 * java --add-modules jdk.incubator.vector -cp engine-core/target/classes:engine-cpu-fallback/target/classes:engine-cpu-fallback/target/test-classes \
 *      io.github.convnet4j.cpu.StepBenchmark [preset=keras-mnist] [steps=60] [batch=64]
 * </pre>
 */
public final class StepBenchmark {
    private StepBenchmark() {}

    public static void main(String[] args) throws Exception {
        String preset = args.length > 0 ? args[0] : "keras-mnist";
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        Backend backend = new CpuBackend();
        System.out.println(backend.description() + "; " + MicroKernels.vectorStatus());
        try (Model model = Model.of(Presets.get(preset))) {
            model.build(backend, DType.F32, 7);
            Dataset data = randomData(model.inputShape(), steps * batch);
            Trainer trainer = new Trainer();
            TrainConfig config = TrainConfig.builder().epochs(1).batchSize(batch).seed(3).build();
            List<Double> stepMs = new ArrayList<>();
            TrainingListener timing = new TrainingListener() {
                long last = System.nanoTime();
                @Override public void onBatchEnd(int epoch, int b, int batches, double loss, double acc, double ips) {
                    long now = System.nanoTime();
                    stepMs.add((now - last) / 1e6);
                    last = now;
                }
            };
            trainer.fit(model, data, null, config, null);
            for (int round = 0; round < 3; round++) {
                stepMs.clear();
                timing.onBatchEnd(0, 0, 0, 0, 0, 0);
                stepMs.clear();
                long c0 = CpuBenchmarkTime.processCpuNanos();
                long t0 = System.nanoTime();
                trainer.fit(model, data, null, config, timing);
                double secs = (System.nanoTime() - t0) / 1e9;
                double cpu = (CpuBenchmarkTime.processCpuNanos() - c0) / 1e9;
                double median = median(stepMs.stream().mapToDouble(Double::doubleValue).toArray());
                System.out.printf("%s batch %d: %.0f img/s wall (median step %.2f ms -> %.0f img/s), %.0f img per CPU-second, load %.1f%n",
                        preset, batch, data.size() / secs, median, batch / median * 1e3, data.size() / cpu, loadAverage());
            }
            perLayer(backend, model, batch, 15);
        }
    }

    /** Median wall and CPU milliseconds of each layer's forward and backward over {@code runs} steps. */
    private static void perLayer(Backend backend, Model model, int batch, int runs) {
        List<Layer> layers = model.layers();
        int count = layers.size();
        double[][] fwd = new double[count][runs];
        double[][] bwd = new double[count][runs];
        double[][] fwdCpu = new double[count][runs];
        double[][] bwdCpu = new double[count][runs];
        double[] opt = new double[runs];
        Tensor x = backend.allocate(batchShape(batch, model.inputShape()));
        Tensor target = backend.allocate(Shape.of(batch, 10));
        Tensor scratch = backend.allocate(Shape.of(batch, 10));
        float[] oneHot = new float[batch * 10];
        for (int i = 0; i < batch; i++) oneHot[i * 10 + i % 10] = 1f;
        backend.upload(oneHot, 0, target);
        backend.upload(randomFloats(new Random(5), (int) x.size()), 0, x);
        try (Optimizer adam = Optimizers.parse("adam")) {
            for (int r = -3; r < runs; r++) {
                ForwardContext ctx = new ForwardContext(true, r);
                Tensor a = x;
                Tensor[] outs = new Tensor[count];
                for (int i = 0; i < count; i++) {
                    long c0 = CpuBenchmarkTime.processCpuNanos();
                    long t0 = System.nanoTime();
                    a = ((AbstractLayer) layers.get(i)).forward(a, ctx, i == count - 1);
                    if (r >= 0) fwd[i][r] = (System.nanoTime() - t0) / 1e6;
                    if (r >= 0) fwdCpu[i][r] = (CpuBenchmarkTime.processCpuNanos() - c0) / 1e6;
                    outs[i] = a;
                }
                backend.loss().forwardBackward(LossKind.SOFTMAX_CROSS_ENTROPY, a, target, scratch);
                Tensor d = scratch;
                for (int i = count - 1; i >= 0; i--) {
                    long c0 = CpuBenchmarkTime.processCpuNanos();
                    long t0 = System.nanoTime();
                    d = layers.get(i).backward(d, i > 0);
                    if (r >= 0) bwd[i][r] = (System.nanoTime() - t0) / 1e6;
                    if (r >= 0) bwdCpu[i][r] = (CpuBenchmarkTime.processCpuNanos() - c0) / 1e6;
                }
                long t0 = System.nanoTime();
                adam.step(model.parameters());
                if (r >= 0) opt[r] = (System.nanoTime() - t0) / 1e6;
            }
        }
        double total = 0;
        double totalCpu = 0;
        for (int i = 0; i < count; i++) {
            double f = median(fwd[i]);
            double b = median(bwd[i]);
            total += f + b;
            totalCpu += median(fwdCpu[i]) + median(bwdCpu[i]);
            System.out.printf("  %-22s %-14s fwd %7.3f ms (%7.3f CPU-ms)  bwd %7.3f ms (%7.3f CPU-ms)%n", layers.get(i).name(),
                    model.layerOutputShape(i), f, median(fwdCpu[i]), b, median(bwdCpu[i]));
        }
        System.out.printf("  adam %.3f ms; layers total %.2f ms wall, %.2f CPU-ms (medians of %d)%n", median(opt), total + median(opt), totalCpu, runs);
        x.close();
        target.close();
        scratch.close();
    }

    private static Dataset randomData(Shape sample, int n) {
        Random rng = new Random(11);
        float[] images = new float[Math.toIntExact(n * sample.size())];
        for (int i = 0; i < images.length; i++) images[i] = rng.nextFloat();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = rng.nextInt(10);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 10; i++) names.add("c" + i);
        return new Dataset(images, labels, sample, 10, names);
    }

    private static float[] randomFloats(Random rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = rng.nextFloat();
        return v;
    }

    private static Shape batchShape(int n, Shape sample) {
        int[] dims = new int[sample.rank() + 1];
        dims[0] = n;
        for (int i = 0; i < sample.rank(); i++) dims[i + 1] = sample.dim(i);
        return Shape.of(dims);
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /** CPU time of every live JVM thread. */
    static final class CpuBenchmarkTime {
        static long processCpuNanos() {
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long sum = 0;
            for (long id : mx.getAllThreadIds()) {
                long t = mx.getThreadCpuTime(id);
                if (t > 0) sum += t;
            }
            return sum;
        }
    }
}
