package io.github.convnet4j.cli;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.data.ImageLoader;
import io.github.convnet4j.data.ImageWriter;
import io.github.convnet4j.explain.ExplainMethod;
import io.github.convnet4j.explain.Explainer;
import io.github.convnet4j.explain.Explanation;
import io.github.convnet4j.explain.ModelProbe;
import io.github.convnet4j.io.AtomicFiles;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.persist.ModelFile;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code convnet visualize}: PNGs of the convolution filters, of every convolution's feature maps
 * for one input, and of the saliency map (|d top-class logit / d input|, max over channels).
 * Every image is rendered in memory first and each is scaled down, or its grid cut to the first
 * filters and channels, to fit {@link ImageWriter#MAX_SIDE} pixels a side; only then are the files
 * written, so a failure leaves no half-written output.
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

    /** The PNGs to write, by file name; everything is rendered before anything is written. */
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        ModelArgument arg = ModelArgument.resolve(model);
        Path weightsFile = arg.requireWeights();
        if (Files.exists(out) && !Files.isDirectory(out)) throw new IllegalArgumentException("--out " + out + ": exists and is not a directory");
        try (Backend backend = deviceOptions.open(); Model m = ModelFile.open(weightsFile, backend, DType.F32)) {
            float[] image = input == null ? null : ImageLoader.load(input, m.inputShape(), invert);
            renderFilters(m, backend);
            if (image != null) {
                Shape batchShape = prepend(m.inputShape());
                try (Tensor x = backend.allocate(batchShape)) {
                    backend.upload(image, 0, x);
                    add("input.png", image, m.inputShape(), scale);
                    renderFeatureMaps(m, backend, x);
                    renderSaliency(m, image);
                }
            }
        }
        // Only now, with every image rendered, does anything reach the disk (each file atomically).
        Files.createDirectories(out);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            byte[] png = f.getValue();
            AtomicFiles.write(out.resolve(f.getKey()), o -> o.write(png));
        }
        System.out.println("wrote " + files.size() + " PNGs to " + out);
        return 0;
    }

    /**
     * Each convolution's kernels as a grid, one row per filter and one column per input channel
     * (RGB tiles for 3-channel kernels). A grid too large to look at keeps its first filters and
     * channels, and says so.
     */
    private void renderFilters(Model m, Backend backend) throws Exception {
        for (Parameter p : m.parameters()) {
            if (!p.name().endsWith("/kernel") || p.value().shape().rank() != 4) continue;
            Shape s = p.value().shape(); // (K, C, R, S)
            float[] w = new float[Math.toIntExact(s.size())];
            backend.download(p.value(), w, 0);
            boolean rgb = s.dim(1) == 3;
            int tileScale = Math.max(scale * 2, 8);
            int k = s.dim(0), c = rgb ? 1 : s.dim(1), r = s.dim(2), q = s.dim(3), plane = r * q;
            // Eight or more input channels: one row per filter. Fewer (or RGB): tiles flow over 8 columns.
            boolean rowPerFilter = !rgb && c >= 8;
            int columns = Math.min(rowPerFilter ? c : 8, ImageWriter.tilesAlong(q, tileScale));
            int maxRows = ImageWriter.tilesAlong(r, tileScale);
            int shownFilters = rowPerFilter ? Math.min(k, maxRows) : Math.min(k, Math.max(1, maxRows * columns / c));
            int shownChannels = rowPerFilter ? columns : c;
            int tiles = shownFilters * shownChannels;
            float[] shown = rowPerFilter ? block(w, k, c, plane, shownFilters, shownChannels)
                    : java.util.Arrays.copyOf(w, tiles * (rgb ? 3 : 1) * plane);
            int fit = ImageWriter.fittingScale((tiles + columns - 1) / columns, columns, r, q, tileScale);
            if (fit == 0) throw new IllegalArgumentException(p.name() + ": " + r + "x" + q + " kernels are too large to draw");
            String layer = p.name().substring(0, p.name().indexOf('/'));
            Shape grid = Shape.of(tiles, rgb ? 3 : 1, r, q);
            files.put("filters-" + layer + ".png", ImageWriter.png(ImageWriter.renderGrid(shown, grid, columns, fit, true)));
            if (shownFilters < k || shownChannels < c) {
                System.out.printf("filters-%s.png: first %d of %d filters, first %d of %d input channels (the full grid is too large to view)%n",
                        layer, shownFilters, k, shownChannels, c);
            }
        }
    }

    /** The first {@code rows} filters by the first {@code cols} channels of {@code (K, C, plane)} weights. */
    private static float[] block(float[] w, int k, int c, int plane, int rows, int cols) {
        float[] b = new float[rows * cols * plane];
        for (int f = 0; f < rows; f++) {
            for (int ch = 0; ch < cols; ch++) System.arraycopy(w, (f * c + ch) * plane, b, (f * cols + ch) * plane, plane);
        }
        return b;
    }

    private void renderFeatureMaps(Model m, Backend backend, Tensor x) throws Exception {
        for (int i = 0; i < m.layers().size(); i++) {
            Layer layer = m.layers().get(i);
            Shape s = m.layerOutputShape(i);
            if (s.rank() != 3 || !(layer.type().equals("Conv2D") || layer.type().equals("ResidualBlock"))) continue;
            Tensor y = m.forwardTo(i, x);
            float[] maps = new float[Math.toIntExact(y.size())];
            backend.download(y, maps, 0);
            int columns = Math.min(8, ImageWriter.tilesAlong(s.dim(2), 1));
            int shown = Math.min(s.dim(0), columns * ImageWriter.tilesAlong(s.dim(1), 1));
            int rows = (shown + columns - 1) / columns;
            int fit = ImageWriter.fittingScale(rows, columns, s.dim(1), s.dim(2), scale);
            if (fit == 0) throw new IllegalArgumentException(layer.name() + ": " + s + " feature maps are too large to draw");
            files.put("features-" + layer.name() + ".png", ImageWriter.png(ImageWriter.renderGrid(maps,
                    Shape.of(shown, 1, s.dim(1), s.dim(2)), columns, fit, true)));
            if (shown < s.dim(0)) {
                System.out.printf("features-%s.png: first %d of %d maps (the full grid is too large to view)%n", layer.name(), shown, s.dim(0));
            }
        }
    }

    private void renderSaliency(Model m, float[] image) throws Exception {
        try (ModelProbe probe = new ModelProbe(m)) {
            Explanation e = new Explainer(probe, ExplainMethod.SALIENCY, null, 1, 1).explain(image, -1);
            Shape in = m.inputShape();
            add("saliency.png", e.heatmap().values(), Shape.of(1, in.dim(1), in.dim(2)), scale);
            System.out.println("top class " + e.classIndex() + " (score " + e.score() + "); saliency is |d logit / d input|");
        }
    }

    /** One image {@code (C, H, W)}, enlarged by {@code scale} or less where that would exceed the size limit. */
    private void add(String name, float[] data, Shape chw, int scale) throws Exception {
        int fit = ImageWriter.fittingScale(1, 1, chw.dim(1), chw.dim(2), scale);
        if (fit == 0) throw new IllegalArgumentException(name + ": a " + chw + " image is too large to draw");
        files.put(name, ImageWriter.png(ImageWriter.renderGrid(data, Shape.of(1, chw.dim(0), chw.dim(1), chw.dim(2)), 1, fit, false)));
    }

    private static Shape prepend(Shape sample) {
        int[] d = new int[sample.rank() + 1];
        d[0] = 1;
        System.arraycopy(sample.dims(), 0, d, 1, sample.rank());
        return Shape.of(d);
    }
}
