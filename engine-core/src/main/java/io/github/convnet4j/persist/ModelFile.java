package io.github.convnet4j.persist;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.io.SafeTensors;
import io.github.convnet4j.io.SafeTensorsFile;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.HostTensor;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A trained model in one file, {@code model.safetensors}: every parameter (trainable weights and
 * state such as batch-norm running statistics) as an F32 tensor named {@code <layer>/<param>} with
 * the parameter's own shape (convolution kernels {@code (K, C, R, S)} as PyTorch), so
 * {@code safetensors.torch.load_file} reads it. The {@code __metadata__} holds
 * {@code format = convnet4j-model}, {@code format_version = 1} and {@code architecture} (the
 * {@link ModelSpec} JSON), so the file alone rebuilds the model on any backend.
 */
public final class ModelFile {
    /** The {@code format} metadata value. */
    public static final String FORMAT = "convnet4j-model";
    /** The {@code format_version} this code writes and reads. */
    public static final String FORMAT_VERSION = "1";
    /** The conventional file name. */
    public static final String FILE_NAME = "model.safetensors";

    private ModelFile() {}

    /** Writes {@code model}'s architecture and weights to {@code file} atomically (temp file, fsync, rename). */
    public static void save(Model model, Path file) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("format_version", FORMAT_VERSION);
        meta.put("architecture", model.spec().toJson());
        SafeTensors.write(file, HostCopies.download(model.parameters()), meta);
    }

    /**
     * Reads and checks a model file.
     *
     * @throws IOException one line naming the file: unreadable, not safetensors, not a convnet4j model,
     *                     another format version, or an architecture that does not parse
     */
    public static LoadedModel load(Path file) throws IOException {
        String src = String.valueOf(file);
        SafeTensorsFile st = read(file);
        Map<String, String> meta = st.metadata();
        String format = meta.get("format");
        if (!FORMAT.equals(format)) {
            throw new IOException(src + ": not a convnet4j model file (format " + (format == null ? "missing" : "'" + format + "'")
                    + ", expected '" + FORMAT + "')");
        }
        String version = meta.get("format_version");
        if (!FORMAT_VERSION.equals(version)) {
            throw new IOException(src + ": unsupported model format_version " + version + " (this build reads " + FORMAT_VERSION + ")");
        }
        requireFinite(st.tensors(), src);
        return new LoadedModel(architecture(meta, src), st.tensors(), src);
    }

    /**
     * Refuses a model whose weights hold NaN or infinity, e.g. at the end of a diverged run.
     *
     * @param what starts the message, e.g. {@code "training diverged: runs/x/model.safetensors"}
     */
    public static void requireFinite(Model model, String what) throws IOException {
        String bad = firstNonFinite(HostCopies.download(model.parameters()));
        if (bad != null) throw new IOException(what + ": " + bad + " (lower the learning rate, or clip gradients with clipnorm)");
    }

    /** Refuses weights holding NaN or infinity: a diverged run's model would only predict garbage. */
    static void requireFinite(Map<String, HostTensor> tensors, String src) throws IOException {
        String bad = firstNonFinite(tensors);
        if (bad != null) throw new IOException(src + ": " + bad + " (the training that wrote it diverged); refusing to load it");
    }

    private static String firstNonFinite(Map<String, HostTensor> tensors) {
        for (Map.Entry<String, HostTensor> e : tensors.entrySet()) {
            float[] v = e.getValue().data();
            for (int i = 0; i < v.length; i++) {
                if (!Float.isFinite(v[i])) return "tensor " + e.getKey() + " holds " + v[i] + " at index " + i;
            }
        }
        return null;
    }

    /**
     * Loads a file's weights into a built model with exactly the same parameters.
     *
     * @throws IOException one line naming the file and the first missing, extra or mis-shaped tensor
     */
    public static void loadInto(Model model, Path file) throws IOException {
        load(file).copyInto(model);
    }

    /** Rebuilds the model a file describes on {@code backend} and loads its weights (see {@link LoadedModel#build}). */
    public static Model open(Path file, Backend backend, DType dtype) throws IOException {
        return load(file).build(backend, dtype);
    }

    /**
     * Transfer learning: copies every source tensor whose name and shape equal a target parameter's,
     * except parameters of the layers in {@code skipLayers} (e.g. a new classifier head).
     *
     * @param target     a built model
     * @param source     a model file
     * @param skipLayers layer names whose parameters keep their fresh initialization
     */
    public static TransferReport loadMatchingWeights(Model target, Path source, Set<String> skipLayers) throws IOException {
        LoadedModel loaded = load(source);
        List<String> copied = new ArrayList<>(), skipped = new ArrayList<>(), unused = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (Parameter p : target.parameters()) {
            HostTensor h = loaded.weights().get(p.name());
            if (skipLayers.contains(layerOf(p.name()))) {
                skipped.add(p.name() + ": layer " + layerOf(p.name()) + " skipped on request");
            } else if (h == null) {
                skipped.add(p.name() + ": not in " + source.getFileName());
            } else if (!h.shape().equals(p.value().shape())) {
                skipped.add(p.name() + ": shape " + h.shape() + " in " + source.getFileName() + " but " + p.value().shape() + " here");
            } else {
                HostCopies.upload(h, p.value());
                copied.add(p.name());
                taken.add(p.name());
            }
        }
        for (String name : loaded.weights().keySet()) if (!taken.contains(name)) unused.add(name);
        return new TransferReport(copied, skipped, unused);
    }

    /** The layer part of a parameter name {@code <layer>/<param>}. */
    static String layerOf(String parameterName) {
        int cut = parameterName.lastIndexOf('/');
        return cut < 0 ? parameterName : parameterName.substring(0, cut);
    }

    /**
     * Reads any safetensors file, turning a missing file into one line naming it.
     *
     * @throws IOException one line naming the file
     */
    public static SafeTensorsFile read(Path file) throws IOException {
        try {
            return SafeTensors.read(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file");
        }
    }

    /**
     * The {@code architecture} metadata entry of a model file or checkpoint as a spec.
     *
     * @param src the file, for error messages
     * @throws IOException one line naming the file when the entry is missing or invalid
     */
    public static ModelSpec architecture(Map<String, String> meta, String src) throws IOException {
        String json = meta.get("architecture");
        if (json == null) throw new IOException(src + ": metadata has no architecture");
        try {
            return ModelSpec.parse(json, src + " (architecture)");
        } catch (RuntimeException e) {
            throw new IOException(src + ": invalid architecture: " + e.getMessage());
        }
    }
}
