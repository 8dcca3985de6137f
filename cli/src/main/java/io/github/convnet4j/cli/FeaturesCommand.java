package io.github.convnet4j.cli;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.data.MnistFormat;
import io.github.convnet4j.io.SafeTensors;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.nn.AbstractLayer;
import io.github.convnet4j.persist.ModelFile;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.HostTensor;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code convnet features}: the inference-mode output of any named layer for every sample of a
 * dataset, flattened to {@code (N, F)}, written as safetensors with the labels, for use elsewhere
 * (a linear classifier, t-SNE, numpy/PyTorch: {@code safetensors.numpy.load_file}).
 */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = "Write the (N, F) features of a named layer for a dataset, as safetensors: 'features' (N, F) and 'labels' (N).")
final class FeaturesCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "M", description = "Model file (.safetensors) or run directory.")
    String model;

    @Option(names = "--layer", required = true, paramLabel = "L", description = "The layer whose output to write (see convnet summary).")
    String layer;

    @Option(names = "--data", defaultValue = "fashion-mnist", paramLabel = "D",
            description = "Bundled dataset name or directory (as for train; ':classes=A-B' selects classes). Default: ${DEFAULT-VALUE}.")
    String data;

    @Option(names = "--split", defaultValue = "test", paramLabel = "S", description = "test or train. Default: ${DEFAULT-VALUE}.")
    String split;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N samples.")
    Integer limit;

    @Option(names = "--batch-size", defaultValue = "256", paramLabel = "B", description = "Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The .safetensors file to write.")
    Path out;

    @Mixin DeviceOptions deviceOptions;

    @Override
    public Integer call() throws Exception {
        Path weights = ModelArgument.resolve(model).requireWeights();
        MnistFormat.TrainTest sets = DataArgument.load(data);
        Dataset d = DataArgument.split(sets, split, data);
        if (limit != null) d = d.subset(Math.min(Math.max(limit, 0), d.size()));
        if (batchSize < 1) throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
        try (Backend backend = deviceOptions.open(); Model m = ModelFile.open(weights, backend, DType.F32)) {
            int index = m.indexOf(layer);
            if (index < 0) {
                List<String> names = m.layers().stream().map(l -> l.name()).toList();
                throw new IllegalArgumentException("model has no layer named '" + layer + "' (layers: " + String.join(", ", names) + ")");
            }
            if (!d.sampleShape().equals(m.inputShape())) {
                throw new IllegalArgumentException("data samples are " + d.sampleShape() + " but the model takes " + m.inputShape());
            }
            int f = Math.toIntExact(m.layerOutputShape(index).size());
            float[] features = new float[Math.multiplyExact(d.size(), f)];
            float[] labels = new float[d.size()];
            int s = d.sampleSize();
            float[] batch = new float[Math.multiplyExact(Math.min(batchSize, Math.max(d.size(), 1)), s)];
            for (int start = 0; start < d.size(); start += batchSize) {
                int n = Math.min(batchSize, d.size() - start);
                for (int i = 0; i < n; i++) {
                    d.copySample(start + i, batch, i * s);
                    labels[start + i] = d.label(start + i);
                }
                try (Tensor x = backend.allocate(AbstractLayer.batched(n, m.inputShape()), DType.F32)) {
                    backend.upload(batch, 0, x);
                    backend.download(m.forwardTo(index, x), features, start * f);
                }
            }
            Map<String, HostTensor> tensors = new LinkedHashMap<>();
            tensors.put("features", new HostTensor(Shape.of(d.size(), f), features));
            tensors.put("labels", new HostTensor(Shape.of(d.size()), labels));
            SafeTensors.write(out, tensors, Map.of("model", weights.toString(), "layer", layer, "layer_shape", m.layerOutputShape(index).toString()));
            System.out.printf(Locale.ROOT, "%s: features (%d, %d) of layer %s %s, labels (%d)%n", out, d.size(), f, layer,
                    m.layerOutputShape(index), d.size());
        }
        return 0;
    }
}
