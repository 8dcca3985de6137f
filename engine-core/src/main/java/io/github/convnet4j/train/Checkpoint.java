package io.github.convnet4j.train;

import io.github.convnet4j.io.SafeTensorsFile;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.optim.Optimizer;
import io.github.convnet4j.optim.OptimizerState;
import io.github.convnet4j.persist.HostCopies;
import io.github.convnet4j.persist.ModelFile;
import io.github.convnet4j.tensor.HostTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's resumable state in one file, {@code <run dir>/checkpoint.safetensors}:
 * <ul>
 *   <li>tensors {@code model/<layer>/<param>}: every model parameter (trainable and state), F32;</li>
 *   <li>tensors {@code optimizer/<layer>/<param>/<slot>}: the optimizer's state, e.g.
 *       {@code optimizer/conv2d_1/kernel/m};</li>
 *   <li>{@code __metadata__}: {@code format = convnet4j-checkpoint}, {@code format_version = 1},
 *       {@code architecture} (ModelSpec JSON), {@code train_config} (JSON), {@code optimizer} (spec),
 *       {@code optimizer_name}, {@code optimizer_iterations}, {@code seed}, {@code epoch}, {@code batch},
 *       {@code global_step} and {@code progress} (JSON: counters, schedule state, running sums, history).</li>
 * </ul>
 * Written atomically: the previous checkpoint stays in place until the new one is complete on disk.
 * {@link RunDirectory} is the only caller inside a run; the format lives beside the training loop
 * because its metadata is the training configuration and progress.
 */
public final class Checkpoint {
    /** The file name inside the run directory. */
    public static final String FILE_NAME = "checkpoint.safetensors";
    /** The {@code format} metadata value. */
    public static final String FORMAT = "convnet4j-checkpoint";
    /** The {@code format_version} written and read. */
    public static final String FORMAT_VERSION = "1";

    private static final String MODEL_PREFIX = "model/";
    private static final String OPTIMIZER_PREFIX = "optimizer/";

    private Checkpoint() {}

    /** {@code runDir/checkpoint.safetensors}. */
    public static Path file(Path runDir) { return runDir.resolve(FILE_NAME); }

    /**
     * Writes the checkpoint atomically into the existing {@code runDir}.
     *
     * @return the checkpoint file
     */
    static Path write(Path runDir, Model model, TrainConfig config, Optimizer optimizer, TrainingProgress progress,
                      TensorFileWriter writer) throws IOException {
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        HostCopies.download(model.parameters()).forEach((k, v) -> tensors.put(MODEL_PREFIX + k, v));
        OptimizerState state = optimizer.exportState();
        state.tensors().forEach((k, v) -> tensors.put(OPTIMIZER_PREFIX + k, v));

        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("format_version", FORMAT_VERSION);
        meta.put("architecture", model.spec().toJson());
        meta.put("train_config", TrainJson.configToJson(config));
        meta.put("optimizer", optimizer.spec());
        meta.put("optimizer_name", optimizer.name());
        meta.put("optimizer_iterations", Long.toString(state.iterations()));
        meta.put("seed", Long.toString(config.seed()));
        meta.put("epoch", Integer.toString(progress.epoch()));
        meta.put("batch", Integer.toString(progress.batch()));
        meta.put("global_step", Long.toString(progress.globalStep()));
        meta.put("progress", TrainJson.progressToJson(progress));
        Path file = file(runDir);
        writer.write(file, tensors, meta);
        return file;
    }

    /**
     * Reads and checks a checkpoint: the format and version, that every metadata field is present
     * and parses, that the duplicated counters agree, and that tensor names are all {@code model/...}
     * or {@code optimizer/...}. Shapes are checked against the model when restoring.
     *
     * @param path a run directory or the checkpoint file itself
     * @throws IOException one line naming the file and the first problem
     */
    public static CheckpointData read(Path path) throws IOException {
        Path file = Files.isDirectory(path) ? file(path) : path;
        String src = String.valueOf(file);
        SafeTensorsFile st = ModelFile.read(file);
        Map<String, String> meta = st.metadata();
        String format = meta.get("format");
        if (!FORMAT.equals(format)) {
            throw new IOException(src + ": not a convnet4j checkpoint (format " + (format == null ? "missing" : "'" + format + "'")
                    + ", expected '" + FORMAT + "')");
        }
        if (!FORMAT_VERSION.equals(meta.get("format_version"))) {
            throw new IOException(src + ": unsupported checkpoint format_version " + meta.get("format_version") + " (this build reads " + FORMAT_VERSION + ")");
        }
        ModelSpec spec = ModelFile.architecture(meta, src);
        TrainConfig config;
        TrainingProgress progress;
        try {
            config = TrainJson.configFromJson(required(meta, "train_config", src));
            progress = TrainJson.progressFromJson(required(meta, "progress", src));
        } catch (IllegalArgumentException e) {
            throw new IOException(src + ": " + e.getMessage());
        }
        long iterations = parseLong(meta, "optimizer_iterations", src);
        check(parseLong(meta, "seed", src) == config.seed(), src, "seed disagrees with train_config");
        check(parseLong(meta, "epoch", src) == progress.epoch(), src, "epoch disagrees with progress");
        check(parseLong(meta, "batch", src) == progress.batch(), src, "batch disagrees with progress");
        check(parseLong(meta, "global_step", src) == progress.globalStep(), src, "global_step disagrees with progress");
        check(iterations == progress.globalStep(), src, "optimizer_iterations " + iterations + " differs from global_step " + progress.globalStep());
        check(progress.epoch() <= config.epochs(), src, "epoch " + progress.epoch() + " is beyond the configured " + config.epochs() + " epochs");
        String optimizerSpec = required(meta, "optimizer", src);
        String optimizerName = required(meta, "optimizer_name", src);

        Map<String, HostTensor> weights = new LinkedHashMap<>();
        Map<String, HostTensor> optimizerTensors = new LinkedHashMap<>();
        for (Map.Entry<String, HostTensor> e : st.tensors().entrySet()) {
            String name = e.getKey();
            if (name.startsWith(MODEL_PREFIX)) weights.put(name.substring(MODEL_PREFIX.length()), e.getValue());
            else if (name.startsWith(OPTIMIZER_PREFIX)) optimizerTensors.put(name.substring(OPTIMIZER_PREFIX.length()), e.getValue());
            else throw new IOException(src + ": unexpected tensor " + name + " (expected model/... or optimizer/...)");
        }
        return new CheckpointData(spec, config, progress, optimizerSpec, weights,
                new OptimizerState(optimizerName, iterations, optimizerTensors), src);
    }

    private static String required(Map<String, String> meta, String key, String src) throws IOException {
        String v = meta.get(key);
        if (v == null) throw new IOException(src + ": metadata has no " + key);
        return v;
    }

    private static long parseLong(Map<String, String> meta, String key, String src) throws IOException {
        String v = required(meta, key, src);
        try {
            long x = Long.parseLong(v);
            if (x < 0) throw new NumberFormatException();
            return x;
        } catch (NumberFormatException e) {
            throw new IOException(src + ": metadata " + key + " = '" + v + "' is not a non-negative integer");
        }
    }

    private static void check(boolean ok, String src, String problem) throws IOException {
        if (!ok) throw new IOException(src + ": inconsistent checkpoint: " + problem);
    }
}
