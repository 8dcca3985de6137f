package io.github.convnet4j.cli;

import io.github.convnet4j.cpu.CpuBackend;
import io.github.convnet4j.exchange.onnx.OnnxImporter;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.persist.ModelFile;
import io.github.convnet4j.tensor.DType;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code convnet import}: an ONNX graph of supported ops as one of our model files. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Turn an ONNX model (a chain of supported ops, e.g. from torch.onnx.export) into a model file.")
final class ImportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "The ONNX file.")
    Path onnx;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The model file to write (.safetensors, atomically).")
    Path out;

    @Option(names = "--quiet", description = "Do not list which node became which layer.") boolean quiet;

    @Option(names = "--verbose", description = "Print stack traces on errors.") boolean verbose;

    @Override
    public Integer call() throws Exception {
        OnnxImporter.Result r = OnnxImporter.read(onnx);
        // Building checks every weight's name and shape against the architecture before anything is written.
        try (CpuBackend cpu = new CpuBackend(); Model m = Model.of(r.model().spec())) {
            m.build(cpu, DType.F32, 0);
            r.model().copyInto(m);
            ModelFile.save(m, out);
            if (!quiet) r.report().forEach(line -> System.out.println("  " + line));
            System.out.printf("imported %s: %d layers, %,d parameters -> %s%n", onnx, m.layers().size(), m.parameterCount(), out);
        }
        return 0;
    }
}
