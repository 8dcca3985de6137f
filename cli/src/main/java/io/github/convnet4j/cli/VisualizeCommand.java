package io.github.convnet4j.cli;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.data.ImageLoader;
import io.github.convnet4j.data.ImageWriter;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.nn.ForwardContext;
import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.persist.ModelFile;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code convnet visualize}: PNGs of the convolution filters, of every convolution's feature maps
 * for one input, and of the saliency map (|d top-class logit / d input|, max over channels).
 */
@Command(name = "visualize", mixinStandardHelpOptions = true,
        description = "Write PNGs of conv filters, feature maps for an input image, and its saliency map.")
final class VisualizeCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "M", description = "Model file (.safetensors) or run directory.")
    String model;

    @Option(names = "--input", paramLabel = "IMAGE", description = "A PNG/JPEG for feature maps and saliency (filters need none).")
    Path input;

    @Option(names = "--invert", description = "Invert the input image (dark on light -> light on dark).")
    boolean invert;

    @Option(names = "--out", defaultValue = "visualize", paramLabel = "DIR", description = "Output directory. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--scale", defaultValue = "4", description = "Pixel upscaling factor. Default: ${DEFAULT-VALUE}.")
    int scale;

    @Mixin DeviceOptions deviceOptions;

    @Override
    public Integer call() throws Exception {
        ModelArgument arg = ModelArgument.resolve(model);
        Path weightsFile = arg.requireWeights();
        Files.createDirectories(out);
        try (Backend backend = deviceOptions.open(); Model m = arg.open(backend)) {
            writeFilters(m, backend);
            if (input != null) {
                float[] image = ImageLoader.load(input, m.inputShape(), invert);
                Shape batchShape = prepend(m.inputShape());
                try (Tensor x = backend.allocate(batchShape)) {
                    backend.upload(image, 0, x);
                    ImageWriter.write(out.resolve("input.png"), image, m.inputShape(), scale);
                    writeFeatureMaps(m, backend, x);
                    writeSaliency(m, backend, x);
                }
            }
        }
        System.out.println("wrote PNGs to " + out);
        return 0;
    }

    private void writeFilters(Model m, Backend backend) throws Exception {
        for (Parameter p : m.parameters()) {
            if (!p.name().endsWith("/kernel") || p.value().shape().rank() != 4) continue;
            Shape s = p.value().shape(); // (K, C, R, S)
            float[] w = new float[Math.toIntExact(s.size())];
            backend.download(p.value(), w, 0);
            boolean rgb = s.dim(1) == 3;
            Shape grid = rgb ? s : Shape.of(s.dim(0) * s.dim(1), 1, s.dim(2), s.dim(3));
            Path file = out.resolve("filters-" + p.name().substring(0, p.name().indexOf('/')) + ".png");
            ImageWriter.writeGrid(file, w, grid, rgb ? 8 : Math.max(s.dim(1), 8), Math.max(scale * 2, 8), true);
        }
    }

    private void writeFeatureMaps(Model m, Backend backend, Tensor x) throws Exception {
        for (int i = 0; i < m.layers().size(); i++) {
            Layer layer = m.layers().get(i);
            Shape s = m.layerOutputShape(i);
            if (s.rank() != 3 || !(layer.type().equals("Conv2D") || layer.type().equals("ResidualBlock"))) continue;
            Tensor y = m.forwardTo(i, x);
            float[] maps = new float[Math.toIntExact(y.size())];
            backend.download(y, maps, 0);
            ImageWriter.writeGrid(out.resolve("features-" + layer.name() + ".png"), maps,
                    Shape.of(s.dim(0), 1, s.dim(1), s.dim(2)), 8, scale, true);
        }
    }

    private void writeSaliency(Model m, Backend backend, Tensor x) throws Exception {
        // Frozen layers run their inference path in backward too (batch norm on moving statistics).
        for (Layer l : m.layers()) l.setTrainable(false);
        Tensor logits = m.forward(x, ForwardContext.INFERENCE, true);
        int k = logits.dim(1);
        float[] scores = new float[k];
        backend.download(logits, scores, 0);
        int top = 0;
        for (int c = 1; c < k; c++) if (scores[c] > scores[top]) top = c;
        float[] oneHot = new float[k];
        oneHot[top] = 1;
        try (Tensor dOut = backend.allocate(logits.shape())) {
            backend.upload(oneHot, 0, dOut);
            Tensor dx = m.backward(dOut, true);
            float[] g = new float[Math.toIntExact(dx.size())];
            backend.download(dx, g, 0);
            Shape in = m.inputShape();
            int plane = in.dim(1) * in.dim(2);
            float[] saliency = new float[plane];
            for (int c = 0; c < in.dim(0); c++) {
                for (int i = 0; i < plane; i++) saliency[i] = Math.max(saliency[i], Math.abs(g[c * plane + i]));
            }
            ImageWriter.write(out.resolve("saliency.png"), saliency, Shape.of(1, in.dim(1), in.dim(2)), scale);
            System.out.println("top class " + top + " (logit " + scores[top] + "); saliency is |d logit / d input|");
        }
    }

    private static Shape prepend(Shape sample) {
        int[] d = new int[sample.rank() + 1];
        d[0] = 1;
        System.arraycopy(sample.dims(), 0, d, 1, sample.rank());
        return Shape.of(d);
    }
}
