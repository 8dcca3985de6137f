package io.github.convnet4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.explain.ExplainMethod;
import io.github.convnet4j.explain.Explainer;
import io.github.convnet4j.explain.Explanation;
import io.github.convnet4j.explain.Heatmap;
import io.github.convnet4j.explain.ModelProbe;
import io.github.convnet4j.explain.Overlay;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.persist.ModelFile;
import io.github.convnet4j.tensor.DType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code convnet explain}: a heatmap of what made the model choose a class, for one image or the
 * first N images of an IDX file, drawn over the input(s) as a PNG and optionally printed as JSON.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain a prediction: saliency, occlusion, Grad-CAM, guided backprop or guided Grad-CAM heatmaps over the input.")
final class ExplainCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "M", description = "Model file (.safetensors) or run directory.")
    String model;

    @Option(names = "--input", required = true, paramLabel = "IMAGE|IDX", description = "A .png/.jpg image or an IDX images file (.gz too).")
    Path input;

    @Option(names = "--index", defaultValue = "0", paramLabel = "I", description = "First image of an IDX file. Default: ${DEFAULT-VALUE}.")
    int index;

    @Option(names = "--count", defaultValue = "1", paramLabel = "N",
            description = "Batch mode: explain N images of an IDX file from --index into one grid. Default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--method", defaultValue = "gradcam", paramLabel = "M",
            description = "saliency, occlusion, gradcam, guided-backprop, guided-gradcam. Default: ${DEFAULT-VALUE}.")
    String method;

    @Option(names = "--layer", paramLabel = "L", description = "Layer Grad-CAM reads. Default: the last layer with a spatial output.")
    String layer;

    @Option(names = "--class", paramLabel = "K", description = "Class to explain. Default: the predicted class.")
    Integer classIndex;

    @Option(names = "--patch", defaultValue = "4", paramLabel = "P", description = "Occlusion patch side in pixels. Default: ${DEFAULT-VALUE}.")
    int patch;

    @Option(names = "--stride", defaultValue = "2", paramLabel = "S", description = "Occlusion stride in pixels. Default: ${DEFAULT-VALUE}.")
    int stride;

    @Option(names = "--invert", description = "Invert a PNG/JPEG input (dark on light -> light on dark).")
    boolean invert;

    @Option(names = "--out", defaultValue = "explain", paramLabel = "DIR", description = "Output directory. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--scale", defaultValue = "8", description = "Pixel upscaling factor of the PNG. Default: ${DEFAULT-VALUE}.")
    int scale;

    @Option(names = "--json", description = "Print the explanation(s) as JSON: method, class, score and the heatmap as H rows of W values in [0, 1].")
    boolean json;

    @Mixin DeviceOptions deviceOptions;

    @Override
    public Integer call() throws Exception {
        ExplainMethod m = ExplainMethod.parse(method);
        if (classIndex != null && classIndex < 0) throw new IllegalArgumentException("--class must be >= 0, got " + classIndex);
        if (count < 1) throw new IllegalArgumentException("--count must be >= 1, got " + count);
        if (scale < 1 || scale > 64) throw new IllegalArgumentException("--scale must be in 1..64, got " + scale);
        ModelArgument arg = ModelArgument.resolve(model);
        Path weightsFile = arg.requireWeights();
        List<String> names = arg.spec().classNames();
        List<InputImages.Image> images = InputImages.load(input, arg.spec().inputShape(), invert, index, count);
        Files.createDirectories(out);
        List<Explanation> results = new ArrayList<>();
        String usedLayer;
        try (Backend backend = deviceOptions.open(); Model net = ModelFile.open(weightsFile, backend, DType.F32);
             ModelProbe probe = new ModelProbe(net)) {
            Explainer explainer = new Explainer(probe, m, layer, patch, stride);
            usedLayer = explainer.layer();
            for (InputImages.Image im : images) results.add(explainer.explain(im.values(), classIndex == null ? -1 : classIndex));
        }
        List<float[]> pixels = new ArrayList<>();
        List<Heatmap> maps = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            pixels.add(images.get(i).values());
            maps.add(results.get(i).heatmap());
        }
        Path png = out.resolve("explain-" + m.cliName() + (images.size() > 1 ? "-grid" : "") + ".png");
        Overlay.writePng(png, Overlay.grid(pixels, arg.spec().inputShape(), maps, 4, scale));
        if (json) {
            printJson(images, results, names);
        } else {
            for (int i = 0; i < images.size(); i++) {
                Explanation e = results.get(i);
                System.out.printf(Locale.ROOT, "%s: class %d (%s) score %.4f%n", images.get(i).id(), e.classIndex(), name(names, e.classIndex()), e.score());
            }
            System.out.println(m.cliName() + (usedLayer != null ? " at layer " + usedLayer : "") + "; wrote " + png);
        }
        return 0;
    }

    private static String name(List<String> names, int k) { return k < names.size() ? names.get(k) : "class " + k; }

    private static void printJson(List<InputImages.Image> images, List<Explanation> results, List<String> names) {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode all = mapper.createArrayNode();
        for (int i = 0; i < images.size(); i++) {
            Explanation e = results.get(i);
            ObjectNode o = mapper.createObjectNode();
            o.put("input", images.get(i).id());
            o.put("method", e.method().cliName());
            o.put("class", e.classIndex());
            o.put("class_name", name(names, e.classIndex()));
            o.put("score", e.score());
            if (e.layer() != null) o.put("layer", e.layer());
            ArrayNode rows = o.putArray("heatmap");
            Heatmap h = e.heatmap();
            for (int y = 0; y < h.height(); y++) {
                ArrayNode row = rows.addArray();
                for (int x = 0; x < h.width(); x++) row.add(h.at(y, x));
            }
            all.add(o);
        }
        if (all.size() == 1) {
            System.out.println(all.get(0).toString());
        } else {
            ObjectNode root = mapper.createObjectNode();
            root.set("explanations", all);
            System.out.println(root.toString());
        }
    }
}
