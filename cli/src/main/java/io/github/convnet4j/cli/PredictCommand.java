package io.github.convnet4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.persist.ModelFile;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.train.ClassProbabilities;
import io.github.convnet4j.train.Predictor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code convnet predict}: the top-k classes of PNG/JPEG images or of the images in an IDX file. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Classify images (PNG/JPEG) or the images of an IDX file; prints the top-k classes with probabilities.")
final class PredictCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "M", description = "Model file (.safetensors) or run directory.")
    String model;

    @Option(names = "--input", paramLabel = "FILE", description = "A .png/.jpg image or an IDX images file (.gz too).")
    List<Path> inputs = new ArrayList<>();

    @Parameters(paramLabel = "FILE", description = "More input files.")
    List<Path> moreInputs = new ArrayList<>();

    @Option(names = "--top-k", defaultValue = "3", paramLabel = "K", description = "Default: ${DEFAULT-VALUE}.")
    int topK;

    @Option(names = "--count", defaultValue = "10", paramLabel = "N", description = "Images to classify from an IDX file. Default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--invert", description = "Invert images (dark digit on light paper -> MNIST's light on dark).")
    boolean invert;

    @Option(names = {"--class-names", "--labels"}, paramLabel = "L",
            description = "Class names: fashion-mnist, or a text file with one name per line. Default: the model's (else class numbers).")
    String labels;

    @Option(names = "--json", description = "Print one JSON object.") boolean json;

    @Mixin DeviceOptions deviceOptions;

    @Override
    public Integer call() throws Exception {
        List<Path> files = new ArrayList<>(inputs);
        files.addAll(moreInputs);
        if (files.isEmpty()) throw new IllegalArgumentException("no input: pass --input FILE (png, jpg or IDX)");
        if (topK < 1) throw new IllegalArgumentException("--top-k must be >= 1");
        ModelArgument arg = ModelArgument.resolve(model);
        Path weightsFile = arg.requireWeights();
        List<String> names = labels != null ? ClassNamesArgument.resolve(labels) : arg.spec().classNames();
        Shape sample = arg.spec().inputShape();

        List<String> ids = new ArrayList<>();
        List<float[]> images = new ArrayList<>();
        for (Path f : files) {
            for (InputImages.Image im : InputImages.load(f, sample, invert, 0, count)) {
                ids.add(im.id());
                images.add(im.values());
            }
        }
        float[] batch = new float[images.size() * Math.toIntExact(sample.size())];
        for (int i = 0; i < images.size(); i++) System.arraycopy(images.get(i), 0, batch, i * images.get(i).length, images.get(i).length);

        try (Backend backend = deviceOptions.open(); Model m = ModelFile.open(weightsFile, backend, DType.F32);
             Predictor p = new Predictor(m, 64)) {
            // A single sigmoid output is P(class 1): print class 1 with p or class 0 with 1 - p, as evaluate scores it.
            float[] probs = ClassProbabilities.of(p.predict(batch, images.size()), images.size(), p.width());
            print(ids, probs, ClassProbabilities.classes(p.width()), names);
        }
        return 0;
    }

    private void print(List<String> ids, float[] probs, int width, List<String> names) {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode all = mapper.createArrayNode();
        for (int i = 0; i < ids.size(); i++) {
            Integer[] order = new Integer[width];
            for (int k = 0; k < width; k++) order[k] = k;
            final int row = i;
            java.util.Arrays.sort(order, (a, b) -> Float.compare(probs[row * width + b], probs[row * width + a]));
            ArrayNode top = mapper.createArrayNode();
            StringBuilder line = new StringBuilder(ids.get(i)).append(':');
            for (int r = 0; r < Math.min(topK, width); r++) {
                int k = order[r];
                String name = k < names.size() ? names.get(k) : "class " + k;
                float pr = probs[i * width + k];
                line.append(String.format("  %d. %s %.4f", r + 1, name, pr));
                ObjectNode o = top.addObject();
                o.put("class", k);
                o.put("name", name);
                o.put("probability", pr);
            }
            if (json) {
                ObjectNode one = all.addObject();
                one.put("input", ids.get(i));
                one.set("top", top);
            } else {
                System.out.println(line);
            }
        }
        if (json) {
            ObjectNode root = mapper.createObjectNode();
            root.set("predictions", all);
            System.out.println(root.toPrettyString());
        }
    }
}
