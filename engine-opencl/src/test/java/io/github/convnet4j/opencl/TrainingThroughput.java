package io.github.convnet4j.opencl;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.BackendRegistry;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A measurement, not a test: trains the keras-mnist preset on bundled Fashion-MNIST with plain
 * SGD + momentum for a fixed number of steps on each named device (same seed, same batches), then
 * prints training throughput and test accuracy so backends can be compared.
 *
 * <p>Usage: {@code TrainingThroughput <steps> <batch> <testImages> <device>...}, e.g.
 * {@code 100 64 2000 cpu opencl}.
 */
public final class TrainingThroughput {
    private TrainingThroughput() {}

    public static void main(String[] args) throws Exception {
        int steps = Integer.parseInt(args[0]), batch = Integer.parseInt(args[1]), testImages = Integer.parseInt(args[2]);
        MnistFormat.TrainTest data = MnistFormat.load(name -> BundledData.open("fashion-mnist", name), "fashion-mnist");
        for (int d = 3; d < args.length; d++) run(args[d], data, steps, batch, testImages);
    }

    private static void run(String device, MnistFormat.TrainTest data, int steps, int batch, int testImages) {
        try (Backend b = BackendRegistry.discover().open(device, line -> System.out.println(line));
             Model model = Model.of(Presets.get("keras-mnist"))) {
            model.build(b, DType.F32, 42);
            Dataset train = data.train(), test = data.test();
            int classes = train.numClasses(), sample = train.sampleSize();
            Shape in = Shape.of(batch, 1, 28, 28), out = Shape.of(batch, classes);
            List<Tensor> velocity = new ArrayList<>();
            for (Parameter p : model.parameters()) velocity.add(p.trainable() ? b.allocate(p.value().shape()) : null);
            float[] xs = new float[batch * sample], ys = new float[batch * classes];
            try (Tensor x = b.allocate(in); Tensor y = b.allocate(out); Tensor grad = b.allocate(out)) {
                double loss = 0;
                long start = 0;
                int warmup = Math.min(3, steps - 1);
                for (int s = 0; s < steps; s++) {
                    if (s == warmup) { b.synchronize(); start = System.nanoTime(); }
                    java.util.Arrays.fill(ys, 0);
                    for (int i = 0; i < batch; i++) {
                        int k = (s * batch + i) % train.size();
                        train.copySample(k, xs, i * sample);
                        ys[i * classes + train.label(k)] = 1;
                    }
                    b.upload(xs, 0, x);
                    b.upload(ys, 0, y);
                    Tensor logits = model.forward(x, new ForwardContext(true, s), true);
                    loss = b.loss().forwardBackward(LossKind.SOFTMAX_CROSS_ENTROPY, logits, y, grad);
                    model.backward(grad, false);
                    List<Parameter> ps = model.parameters();
                    for (int i = 0; i < ps.size(); i++) {
                        if (ps.get(i).trainable()) b.optimizer().sgd(ps.get(i).value(), ps.get(i).grad(), velocity.get(i), 0.05, 0.9, false);
                    }
                }
                b.synchronize();
                double seconds = (System.nanoTime() - start) / 1e9;
                long correct = 0;
                int evaluated = 0;
                for (int s = 0; s + batch <= testImages; s += batch) {
                    java.util.Arrays.fill(ys, 0);
                    for (int i = 0; i < batch; i++) {
                        test.copySample(s + i, xs, i * sample);
                        ys[i * classes + test.label(s + i)] = 1;
                    }
                    b.upload(xs, 0, x);
                    b.upload(ys, 0, y);
                    correct += b.reduction().countArgmaxMatches(model.forward(x, ForwardContext.INFERENCE, true), y);
                    evaluated += batch;
                }
                System.out.printf(Locale.ROOT, "%s: %d steps of %d in %.1f s after warm-up: %.1f images/s; last loss %.4f; test accuracy %.2f%% on %d images%n",
                        device, steps - warmup, batch, seconds, (steps - warmup) * (double) batch / seconds, loss, 100.0 * correct / evaluated, evaluated);
            } finally {
                for (Tensor t : velocity) if (t != null) t.close();
            }
        }
    }
}
