package io.github.convnet4j.cli;

import io.github.convnet4j.cpu.CpuBackend;
import io.github.convnet4j.exchange.TorchStateDict;
import io.github.convnet4j.exchange.onnx.OnnxExporter;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.persist.HostCopies;
import io.github.convnet4j.persist.LoadedModel;
import io.github.convnet4j.persist.ModelFile;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.HostTensor;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code convnet export}: a model as ONNX, or its weights under PyTorch's names. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a model as ONNX (opset 17) or as a safetensors state_dict with PyTorch's names.")
final class ExportCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "M",
            description = "Model file (.safetensors) or run directory; a preset or spec exports freshly initialized weights (--seed).")
    String model;

    @Option(names = "--format", defaultValue = "onnx", paramLabel = "F",
            description = "onnx or safetensors-torch. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write (atomically).")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "Initialization seed for a model without trained weights. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--verbose", description = "Print stack traces on errors.") boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("onnx") && !format.equals("safetensors-torch")) {
            throw new IllegalArgumentException("--format " + format + ": choose onnx or safetensors-torch");
        }
        ModelArgument arg = ModelArgument.resolve(model);
        ModelSpec spec;
        Map<String, HostTensor> weights;
        if (arg.hasWeights()) {
            LoadedModel loaded = ModelFile.load(arg.weightsFile());
            spec = loaded.spec();
            weights = loaded.weights();
        } else {
            spec = arg.spec();
            try (CpuBackend cpu = new CpuBackend(); Model m = Model.of(spec)) {
                m.build(cpu, DType.F32, seed);
                weights = HostCopies.download(m.parameters());
            }
            System.err.println("note: " + model + " has no trained weights; exporting an initialization (seed " + seed + ")");
        }
        if (format.equals("onnx")) OnnxExporter.write(spec, weights, out);
        else TorchStateDict.write(spec, weights, out);
        System.out.println("exported " + (spec.name() == null ? model : spec.name()) + " as " + format + ": " + out);
        return 0;
    }
}
