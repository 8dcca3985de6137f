package io.github.convnet4j.opencl;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.BackendRegistry;
import io.github.convnet4j.data.MnistFormat;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.Presets;
import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Tensor;
import io.github.convnet4j.testdata.BundledData;
import io.github.convnet4j.train.TrainConfig;
import io.github.convnet4j.train.Trainer;
import io.github.convnet4j.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A measurement, not a test: trains keras-mnist on bundled Fashion-MNIST with the CLI's defaults
 * (Adam, batch 64, same seed, same batches) on several configurations, snapshots every weight after
 * chosen steps, and prints how far each float32 trajectory is from the float64 CPU one (relative L2
 * norm of the weight difference, overall and per parameter) and from each other.
 *
 * <p>Configurations: {@code cpu-f64} (the reference; started from the float-rounded initial weights
 * so that only the arithmetic differs), {@code cpu-f32}, {@code cpu-f32-im2col} (the CPU with
 * {@code -Dconvnet.cpu.conv=im2col}, a different summation order) and {@code opencl-f32}.
 * TrajectorySnapshots are cached in the output directory, so a rerun only trains what is missing.
 *
 * <p>Usage: {@code TrajectoryDivergence <seed> <steps,comma,separated> <dir> [config...]}, e.g.
 * {@code 42 1,10,100,300 /tmp/traj}. {@link GradientErrors} takes the float64 snapshots further:
 * which op adds how much error at a given state.
 */
public final class TrajectoryDivergence {
    static final List<String> ALL = List.of("cpu-f64", "cpu-f32", "cpu-f32-im2col", "opencl-f32");

    private TrajectoryDivergence() {}

    public static void main(String[] args) throws Exception {
        long seed = Long.parseLong(args[0]);
        int[] steps = Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).sorted().toArray();
        Path dir = Path.of(args[2]);
        Files.createDirectories(dir);
        List<String> configs = args.length > 3 ? List.of(args).subList(3, args.length) : ALL;
        MnistFormat.TrainTest data = MnistFormat.load(name -> BundledData.open("fashion-mnist", name), "fashion-mnist");
        Map<String, TrajectorySnapshots> runs = new LinkedHashMap<>();
        for (String c : configs) {
            Path file = dir.resolve(c + "-seed" + seed + "-" + args[1].replace(',', '_') + ".bin");
            TrajectorySnapshots s = Files.exists(file) ? TrajectorySnapshots.read(file) : null;
            if (s == null) {
                long t0 = System.nanoTime();
                s = train(c, data, seed, steps);
                System.out.printf(Locale.ROOT, "%s: %d steps in %.1f s%n", c, steps[steps.length - 1], (System.nanoTime() - t0) / 1e9);
                s.write(file);
            }
            runs.put(c, s);
        }
        report(runs, steps);
    }

    private static TrajectorySnapshots train(String config, MnistFormat.TrainTest data, long seed, int[] steps) throws IOException {
        boolean f64 = config.endsWith("f64");
        try (Backend b = open(config); Model model = Model.of(Presets.get("keras-mnist"))) {
            model.build(b, f64 ? DType.F64 : DType.F32, seed);
            List<Parameter> params = model.parameters();
            if (f64) {
                for (Parameter p : params) {
                    double[] v = download(p.value());
                    for (int i = 0; i < v.length; i++) v[i] = (float) v[i];
                    b.upload(v, 0, p.value());
                }
            }
            List<String> names = params.stream().map(Parameter::name).toList();
            Map<Integer, List<double[]>> byStep = new LinkedHashMap<>();
            int last = steps[steps.length - 1];
            List<double[]> initial = new ArrayList<>();
            for (Parameter p : params) initial.add(download(p.value()));
            byStep.put(0, initial);
            Trainer trainer = new Trainer();
            TrainConfig cfg = TrainConfig.builder().epochs(1).batchSize(64).optimizer("adam").seed(seed).build();
            trainer.fit(model, data.train(), null, cfg, new TrainingListener() {
                @Override public void onBatchEnd(int epoch, int batch, int batches, double loss, double acc, double ips) {
                    if (Arrays.binarySearch(steps, batch) >= 0) {
                        List<double[]> values = new ArrayList<>();
                        for (Parameter p : params) values.add(download(p.value()));
                        byStep.put(batch, values);
                    }
                    if (batch == last) trainer.requestStop();
                }
            });
            return new TrajectorySnapshots(names, byStep);
        }
    }

    /** A backend for a configuration name: opencl or cpu, the CPU with im2col convolutions for {@code *-im2col}. */
    static Backend open(String config) {
        String before = System.getProperty("convnet.cpu.conv");
        if (config.endsWith("im2col")) System.setProperty("convnet.cpu.conv", "im2col");
        try {
            return BackendRegistry.discover().open(config.startsWith("opencl") ? "opencl" : "cpu", line -> { });
        } finally {
            if (before == null) System.clearProperty("convnet.cpu.conv");
            else System.setProperty("convnet.cpu.conv", before);
        }
    }

    /** A tensor's values, widened to double. */
    static double[] download(Tensor t) {
        double[] v = new double[Math.toIntExact(t.size())];
        if (t.dtype() == DType.F64) {
            t.backend().download(t, v, 0);
        } else {
            float[] f = new float[v.length];
            t.backend().download(t, f, 0);
            for (int i = 0; i < f.length; i++) v[i] = f[i];
        }
        return v;
    }

    private static void report(Map<String, TrajectorySnapshots> runs, int[] steps) {
        List<String> keys = new ArrayList<>(runs.keySet());
        List<String[]> pairs = new ArrayList<>();
        for (String k : keys) if (!k.equals("cpu-f64") && runs.containsKey("cpu-f64")) pairs.add(new String[] {k, "cpu-f64"});
        for (int i = 0; i < keys.size(); i++) {
            for (int j = i + 1; j < keys.size(); j++) {
                if (!keys.get(i).equals("cpu-f64") && !keys.get(j).equals("cpu-f64")) pairs.add(new String[] {keys.get(j), keys.get(i)});
            }
        }
        List<String> names = runs.values().iterator().next().names();
        System.out.printf(Locale.ROOT, "%nrelative L2 weight difference |a - b| / |b| over all parameters%n%-34s", "a vs b \\ step");
        for (int s : steps) System.out.printf(Locale.ROOT, "%11d", s);
        System.out.println();
        for (String[] p : pairs) {
            System.out.printf(Locale.ROOT, "%-34s", p[0] + " vs " + p[1]);
            for (int s : steps) System.out.printf(Locale.ROOT, "%11.3e", relative(runs.get(p[0]).byStep().get(s), runs.get(p[1]).byStep().get(s), -1));
            System.out.println();
        }
        System.out.printf(Locale.ROOT, "%nthe same difference relative to b's distance from the initial weights, |a - b| / |b - w0|%n");
        for (String[] p : pairs) {
            System.out.printf(Locale.ROOT, "%-34s", p[0] + " vs " + p[1]);
            for (int s : steps) {
                System.out.printf(Locale.ROOT, "%11.3e", relative(runs.get(p[0]).byStep().get(s), runs.get(p[1]).byStep().get(s), -1)
                        / relative(runs.get(p[1]).byStep().get(0), runs.get(p[1]).byStep().get(s), -1));
            }
            System.out.println();
        }
        for (int s : steps) {
            System.out.printf(Locale.ROOT, "%nper parameter after step %d%n%-34s", s, "a vs b \\ parameter");
            for (String n : names) System.out.printf(Locale.ROOT, "%13s", n.length() > 12 ? n.substring(n.length() - 12) : n);
            System.out.println();
            for (String[] p : pairs) {
                System.out.printf(Locale.ROOT, "%-34s", p[0] + " vs " + p[1]);
                for (int i = 0; i < names.size(); i++) {
                    System.out.printf(Locale.ROOT, "%13.3e", relative(runs.get(p[0]).byStep().get(s), runs.get(p[1]).byStep().get(s), i));
                }
                System.out.println();
            }
        }
    }

    /** |a - b| / |b| over parameter {@code only}, or over all parameters when it is negative. */
    static double relative(List<double[]> a, List<double[]> b, int only) {
        double diff = 0, norm = 0;
        for (int i = 0; i < a.size(); i++) {
            if (only >= 0 && i != only) continue;
            double[] x = a.get(i), y = b.get(i);
            for (int j = 0; j < x.length; j++) {
                double d = x[j] - y[j];
                diff += d * d;
                norm += y[j] * y[j];
            }
        }
        return Math.sqrt(diff / norm);
    }
}
