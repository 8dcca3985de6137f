package io.github.convnet4j.exchange.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.persist.HostCopies;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX's own checker (full check) and strict shape inference on our exports, through Python's
 * {@code onnx} package (Debian: python3-onnx). Skipped, with the reason, where that is not installed.
 */
class OnnxCheckerTest {
    private static final String PYTHON = Python.PATH;

    /** Prints the inferred output shape of each file after checking it; exits non-zero on any problem. */
    private static final String SCRIPT = String.join("\n",
            "import sys, onnx",
            "from onnx import shape_inference",
            "for path in sys.argv[1:]:",
            "    m = onnx.load(path)",
            "    onnx.checker.check_model(m, full_check=True)",
            "    inferred = shape_inference.infer_shapes(m, check_type=True, strict_mode=True)",
            "    dims = [d.dim_param or d.dim_value for d in inferred.graph.output[0].type.tensor_type.shape.dim]",
            "    print(' '.join(str(d) for d in dims))");


    @Test
    void onnxCheckerAndShapeInferenceAcceptEveryExport(@TempDir Path dir) throws Exception {
        Python.assumeModule("onnx", "python3-onnx");
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", SCRIPT));
        List<String> expected = new ArrayList<>();
        for (ModelSpec spec : java.util.stream.Stream.concat(OnnxExportTest.specs(), OnnxConvExportTest.specs()).distinct().toList()) {
            try (Model m = ExchangeFixtures.built(spec, 3)) {
                Path f = dir.resolve(spec.name() + ".onnx");
                OnnxExporter.write(spec, HostCopies.download(m.parameters()), f);
                command.add(f.toString());
                expected.add("N " + m.outputShape().dim(0));
            }
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        org.junit.jupiter.api.Assertions.assertTrue(p.waitFor(300, TimeUnit.SECONDS), "python did not finish in 300 s");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "onnx checker / shape inference:\n" + out);
        assertEquals(expected, out.lines().toList());
    }
}
