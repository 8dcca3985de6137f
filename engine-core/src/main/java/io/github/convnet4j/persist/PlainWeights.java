package io.github.convnet4j.persist;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.convnet4j.io.SafeTensors;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.nn.AbstractLayer;
import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.nn.ParameterSpec;
import io.github.convnet4j.tensor.HostTensor;
import io.github.convnet4j.tensor.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --weights} from a plain safetensors file, as PyTorch ({@code safetensors.torch.save_file(
 * model.state_dict(), ...)}) and others write it: any names, F32/F64/F16/BF16 (converted to
 * float32), I64 bookkeeping (PyTorch's {@code num_batches_tracked}) ignored.
 *
 * <p>Which file tensor feeds which parameter, per layer, in this order:
 * <ol>
 *   <li>an explicit map ({@code --weights-map FILE}, JSON): {@code {"conv2d_1": "features.0"}} maps a
 *       layer to a PyTorch module (its parameters by {@link TorchNames#withinLayer}), and
 *       {@code {"conv2d_1/kernel": "features.0.weight"}} one parameter;</li>
 *   <li>our own names, or our {@code nn.Sequential} names ({@link TorchNames#sequentialNames}), with equal shapes;</li>
 *   <li>inferred from shapes: the one module of the file whose tensors have the layer's PyTorch
 *       names and shapes ({@code <module>.weight (64, 32, 3, 3)}, {@code <module>.bias (64)}). When
 *       several modules fit, the file is refused, naming the layer and the modules: give a map.</li>
 * </ol>
 * A layer nothing fits keeps its initialization (reported), as transfer learning does.
 */
public final class PlainWeights {
    /** Largest map file read. */
    public static final long MAX_MAP_BYTES = 1L << 20;

    private PlainWeights() {}

    /**
     * What {@link #load} did, as lines for the user.
     *
     * @param matched   {@code ours <- theirs} for every parameter that received values
     * @param converted {@code theirs: F16 -> F32} for every matched tensor stored in another dtype
     * @param skipped   file tensors not used ({@code name: why}) and parameters left as initialized
     */
    public record Report(List<String> matched, List<String> converted, List<String> skipped) {}

    /** Whether {@code file} is a safetensors file that is not one of our model files (so {@link #load} is the way to read it). */
    public static boolean isPlain(Path file) throws IOException {
        if (!Files.isRegularFile(file) || !file.getFileName().toString().endsWith(".safetensors")) return false;
        return !ModelFile.FORMAT.equals(SafeTensors.readConverting(file).file().metadata().get("format"));
    }

    /**
     * Copies the file's tensors into a built model.
     *
     * @param map the JSON map file, or null to infer
     * @throws IOException one line naming the tensor, layer or map entry that does not fit, or the
     *                     layer whose match is ambiguous; the model is untouched then
     */
    public static Report load(Model model, Path file, Path map) throws IOException {
        SafeTensors.Converted read = SafeTensors.readConverting(file);
        Map<String, HostTensor> source = read.file().tensors();
        Map<String, String> explicit = map == null ? Map.of() : readMap(map);
        String src = file.getFileName().toString();
        Map<String, String> sequential = TorchNames.sequentialNames(model);
        Map<String, String> chosen = new LinkedHashMap<>(); // ours -> theirs
        Set<String> taken = new HashSet<>();
        List<String> skipped = new ArrayList<>();
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            List<ParameterSpec> params = ((AbstractLayer) layer).parameterSpecs(model.layerInputShape(i));
            if (params.isEmpty()) continue;
            Map<String, String> found = fromMap(layer.name(), params, explicit, source, src);
            if (found == null) found = byName(layer.name(), params, source, sequential, taken);
            if (found == null) found = byShape(layer.name(), params, source, taken, src);
            if (found == null) {
                skipped.add(layer.name() + ": nothing in " + src + " fits; keeps its initialization");
                continue;
            }
            chosen.putAll(found);
            taken.addAll(found.values());
        }
        for (String key : explicit.keySet()) {
            if (model.indexOf(key.contains("/") ? ModelFile.layerOf(key) : key) < 0) {
                throw new IOException(map + ": entry '" + key + "' names no layer of the model");
            }
        }
        List<String> matched = new ArrayList<>(), converted = new ArrayList<>();
        Map<String, HostTensor> values = new LinkedHashMap<>();
        chosen.forEach((ours, theirs) -> {
            values.put(ours, source.get(theirs));
            matched.add(ours + " <- " + theirs);
            String dtype = read.storedDtypes().get(theirs);
            if (!dtype.equals("F32")) converted.add(theirs + ": " + dtype + " -> F32");
        });
        for (Map.Entry<String, String> e : read.storedDtypes().entrySet()) {
            if (e.getValue().equals("I64")) skipped.add(e.getKey() + ": I64 bookkeeping, ignored");
            else if (!taken.contains(e.getKey())) skipped.add(e.getKey() + ": not used");
        }
        // Upload only once everything is decided, so a refusal leaves the model as it was.
        for (var p : model.parameters()) {
            HostTensor h = values.get(p.name());
            if (h != null) HostCopies.upload(h, p.value());
        }
        return new Report(matched, converted, skipped);
    }

    private static Map<String, String> fromMap(String layer, List<ParameterSpec> params, Map<String, String> map,
                                               Map<String, HostTensor> source, String src) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (ParameterSpec p : params) {
            String ours = layer + "/" + p.localName();
            String theirs = map.get(ours);
            if (theirs == null && map.containsKey(layer)) theirs = map.get(layer) + "." + TorchNames.withinLayer(p.localName());
            if (theirs == null) continue;
            HostTensor t = source.get(theirs);
            if (t == null) throw new IOException(src + ": tensor " + theirs + " (mapped to " + ours + ") is not in the file");
            if (!t.shape().equals(p.shape())) {
                throw new IOException(src + ": tensor " + theirs + " has shape " + t.shape() + " but " + ours + " needs " + p.shape());
            }
            out.put(ours, theirs);
        }
        return out.isEmpty() ? null : out;
    }

    private static Map<String, String> byName(String layer, List<ParameterSpec> params, Map<String, HostTensor> source,
                                              Map<String, String> sequential, Set<String> taken) {
        for (boolean ourNames : new boolean[] {true, false}) {
            Map<String, String> out = new LinkedHashMap<>();
            for (ParameterSpec p : params) {
                String ours = layer + "/" + p.localName(), theirs = ourNames ? ours : sequential.get(ours);
                HostTensor t = source.get(theirs);
                if (t != null && !taken.contains(theirs) && t.shape().equals(p.shape())) out.put(ours, theirs);
            }
            if (out.size() == params.size()) return out;
        }
        return null;
    }

    private static Map<String, String> byShape(String layer, List<ParameterSpec> params, Map<String, HostTensor> source,
                                               Set<String> taken, String src) throws IOException {
        String first = TorchNames.withinLayer(params.get(0).localName());
        List<String> modules = new ArrayList<>();
        for (String name : source.keySet()) {
            if (!name.endsWith("." + first) || taken.contains(name)) continue;
            String module = name.substring(0, name.length() - first.length() - 1);
            boolean fits = true;
            for (ParameterSpec p : params) {
                String theirs = module + "." + TorchNames.withinLayer(p.localName());
                HostTensor t = source.get(theirs);
                fits &= t != null && !taken.contains(theirs) && t.shape().equals(p.shape());
            }
            if (fits) modules.add(module);
        }
        if (modules.isEmpty()) return null;
        if (modules.size() > 1) {
            Shape s = params.get(0).shape();
            throw new IOException(src + ": layer " + layer + " (" + params.get(0).localName() + " " + s + ") fits modules "
                    + String.join(", ", modules) + "; say which with --weights-map FILE ({\"" + layer + "\": \"" + modules.get(0) + "\", ...})");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (ParameterSpec p : params) out.put(layer + "/" + p.localName(), modules.get(0) + "." + TorchNames.withinLayer(p.localName()));
        return out;
    }

    /** The map file: one JSON object of strings, at most {@link #MAX_MAP_BYTES}. */
    static Map<String, String> readMap(Path map) throws IOException {
        if (!Files.isRegularFile(map)) throw new IOException(map + ": not a regular file");
        if (Files.size(map) > MAX_MAP_BYTES) throw new IOException(map + ": larger than " + MAX_MAP_BYTES + " bytes");
        JsonNode root;
        try {
            root = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(Files.readAllBytes(map));
        } catch (IOException e) {
            throw new IOException(map + ": not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) throw new IOException(map + ": must be a JSON object {\"our layer or parameter\": \"their module or tensor\"}");
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) throw new IOException(map + ": value of '" + e.getKey() + "' is not a string");
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }
}
