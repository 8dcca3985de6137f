package io.github.convnet4j.cli;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.chart.EmbeddingScatterChart;
import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.data.ImageWriter;
import io.github.convnet4j.embed.BarnesHutTsne;
import io.github.convnet4j.embed.LayerFeatures;
import io.github.convnet4j.embed.Neighbours;
import io.github.convnet4j.embed.Trustworthiness;
import io.github.convnet4j.io.AtomicFiles;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.persist.ModelFile;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code convnet embed}: a layer's features for the first N images of a dataset, mapped to 2-D with
 * Barnes-Hut t-SNE ({@code tsne.png}, {@code embedding.csv}), and the nearest neighbours of a few
 * query images in feature space against pixel space ({@code neighbours.png}).
 */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "t-SNE map of a layer's features (tsne.png, embedding.csv) and nearest neighbours in feature vs pixel space (neighbours.png).")
final class EmbedCommand implements Callable<Integer> {
    static final int NEIGHBOURS = 5;

    @Option(names = "--model", required = true, paramLabel = "M", description = "Model file (.safetensors) or run directory.")
    String model;

    @Option(names = "--data", defaultValue = "fashion-mnist", paramLabel = "D", description = "Dataset, as for train. Default: ${DEFAULT-VALUE}.")
    String data;

    @Option(names = "--split", defaultValue = "test", paramLabel = "S", description = "test or train. Default: ${DEFAULT-VALUE}.")
    String split;

    @Option(names = "--layer", paramLabel = "L", description = "Layer whose outputs are the features. Default: the input of the last layer.")
    String layer;

    @Option(names = "--limit", defaultValue = "1000", paramLabel = "N", description = "Images to embed (the first N). Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--perplexity", defaultValue = "30", description = "t-SNE perplexity. Default: ${DEFAULT-VALUE}.")
    double perplexity;

    @Option(names = "--queries", defaultValue = "8", paramLabel = "Q", description = "Query images in neighbours.png. Default: ${DEFAULT-VALUE}.")
    int queries;

    @Option(names = "--seed", defaultValue = "42", description = "t-SNE start. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", defaultValue = "embed", paramLabel = "DIR", description = "Output directory. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Mixin DeviceOptions deviceOptions;

    @Override
    public Integer call() throws Exception {
        if (limit < 2 || limit > 20000) throw new IllegalArgumentException("--limit must be in 2..20000, got " + limit);
        if (queries < 1 || queries > 64) throw new IllegalArgumentException("--queries must be in 1..64, got " + queries);
        if (!split.equals("test") && !split.equals("train")) throw new IllegalArgumentException("--split must be test or train, got " + split);
        ModelArgument arg = ModelArgument.resolve(model);
        Path weightsFile = arg.requireWeights();
        var sets = DataArgument.load(data);
        Dataset d = split.equals("test") ? sets.test() : sets.train();
        int n = Math.min(limit, d.size());
        if (perplexity >= n) throw new IllegalArgumentException("--perplexity " + perplexity + " needs more than " + (int) perplexity + " images, --limit gives " + n);
        List<String> names = !arg.spec().classNames().isEmpty() ? arg.spec().classNames() : d.classNames();
        float[] images = Arrays.copyOf(d.images(), n * d.sampleSize());
        int[] labels = Arrays.copyOf(d.labels(), n);
        float[] features;
        int width;
        String used;
        try (Backend backend = deviceOptions.open(); Model m = ModelFile.open(weightsFile, backend, DType.F32)) {
            if (!m.inputShape().equals(d.sampleShape())) {
                throw new IllegalArgumentException(data + ": samples " + d.sampleShape() + " do not fit the model's input " + m.inputShape());
            }
            used = layer != null ? layer : LayerFeatures.defaultLayer(m);
            width = LayerFeatures.width(m, used);
            features = LayerFeatures.of(m, used, images, n);
        }
        Files.createDirectories(out);
        double[] map = new BarnesHutTsne(perplexity, 0.5, 1000, seed).embed(features, n, width);
        writeCsv(out.resolve("embedding.csv"), map, labels, names);
        EmbeddingScatterChart.write(out.resolve("tsne.png"), "t-SNE of " + used + " (" + n + " " + split + " images)", map, labels, names);
        writeNeighbours(out.resolve("neighbours.png"), features, width, images, d.sampleShape(), n);
        int k = Math.min(NEIGHBOURS, (n - 1) / 2);
        String trust = k >= 1 ? String.format(Locale.ROOT, "; trustworthiness (k=%d) %.4f", k, Trustworthiness.of(features, width, map, 2, n, k)) : "";
        System.out.println("embedded " + n + " images by " + used + " (" + width + " features)" + trust + "; wrote tsne.png, embedding.csv, neighbours.png to " + out);
        return 0;
    }

    private static void writeCsv(Path file, double[] map, int[] labels, List<String> names) throws Exception {
        StringBuilder b = new StringBuilder("index,label,class,x,y\n");
        for (int i = 0; i < labels.length; i++) {
            String name = labels[i] < names.size() ? names.get(labels[i]) : String.valueOf(labels[i]);
            b.append(i).append(',').append(labels[i]).append(',').append(csvCell(name)).append(',')
                    .append(String.format(Locale.ROOT, "%.6f,%.6f", map[2 * i], map[2 * i + 1])).append('\n');
        }
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, o -> o.write(bytes));
    }

    private static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /** One row per query: the query, its nearest images by features, a blank tile, its nearest by pixels. */
    private void writeNeighbours(Path file, float[] features, int width, float[] images, Shape sample, int n) throws Exception {
        int q = Math.min(queries, n), k = Math.min(NEIGHBOURS, n - 1), cols = 2 + 2 * k, per = Math.toIntExact(sample.size());
        int[] byFeatures = Neighbours.nearest(Arrays.copyOf(features, n * width), n, width, k);
        int[] byPixels = Neighbours.nearest(images, n, per, k);
        float[] grid = new float[q * cols * per];
        for (int i = 0; i < q; i++) {
            System.arraycopy(images, i * per, grid, (i * cols) * per, per);
            for (int t = 0; t < k; t++) {
                System.arraycopy(images, byFeatures[i * k + t] * per, grid, (i * cols + 1 + t) * per, per);
                System.arraycopy(images, byPixels[i * k + t] * per, grid, (i * cols + 2 + k + t) * per, per);
            }
        }
        ImageWriter.writeGrid(file, grid, Shape.of(q * cols, sample.dim(0), sample.dim(1), sample.dim(2)), cols, 3, false);
    }
}
