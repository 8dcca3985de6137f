package io.github.convnet4j.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.convnet4j.exchange.onnx.ExchangeFixturesAccess;
import io.github.convnet4j.exchange.onnx.Python;
import io.github.convnet4j.io.SafeTensors;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.persist.HostCopies;
import io.github.convnet4j.tensor.HostTensor;
import io.github.convnet4j.tensor.Shape;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Python snippet rebuilds each exported {@code safetensors-torch} model in PyTorch, and
 * PyTorch's outputs equal our {@code predict}'s within 1e-5 (every preset and the every-layer spec).
 * Skipped, with the reason, where Debian's python3-torch is not installed.
 */
class TorchSnippetTest {
    private static final String PYTHON = Python.PATH;
    private static final String BEGIN = "<!-- torch-snippet:begin -->", END = "<!-- torch-snippet:end -->";

    /** For each directory: exec the snippet there, run the net on images.safetensors, print the largest |difference|. */
    private static final String HARNESS = String.join("\n",
            "import sys, os, json, torch",
            "snippet = open(sys.argv[1]).read()",
            "for d in sys.argv[2:]:",
            "    os.chdir(d)",
            "    ns = {}",
            "    exec(snippet, ns)",
            "    raw = open('check.safetensors', 'rb').read(); n = int.from_bytes(raw[:8], 'little'); head = json.loads(raw[8:8 + n])",
            "    t = {k: torch.frombuffer(bytearray(raw[8 + n + v['data_offsets'][0]:8 + n + v['data_offsets'][1]]), dtype=torch.float32).reshape(v['shape'])",
            "         for k, v in head.items() if k != '__metadata__'}",
            "    with torch.no_grad():",
            "        out = ns['net'](t['images'])",
            "    print(float((out.reshape(t['expected'].shape) - t['expected']).abs().max()))");

    @Test
    void readmeSnippetRebuildsEveryExportInPytorch(@TempDir Path dir) throws Exception {
        Path readme = Path.of("..", "README.md");
        assumeTrue(Files.isRegularFile(readme), "README.md is not at " + readme.toAbsolutePath());
        String text = Files.readString(readme);
        int b = text.indexOf(BEGIN), e = text.indexOf(END);
        assertTrue(b >= 0 && e > b, "README.md has the torch snippet between " + BEGIN + " and " + END);
        String block = text.substring(b + BEGIN.length(), e);
        String code = block.substring(block.indexOf("```python") + "```python".length(), block.lastIndexOf("```"));
        Path snippet = dir.resolve("snippet.py");
        Files.writeString(snippet, code);
        Python.assumeModule("torch", "python3-torch");

        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", HARNESS, snippet.toString()));
        // Layer types outside TorchStateDict.LAYER_TYPES (mobilenet's depthwise convolutions, the other
        // conv-family layers, merge layers) are refused by the export, so they are not run here:
        // convFamilyLayersAreRefusedNamingTheLayer checks that refusal; their check is ONNX Runtime's.
        List<ModelSpec> specs = ExchangeFixturesAccess.specs().stream().filter(TorchStateDict::supports).toList();
        for (ModelSpec spec : specs) {
            Path d = Files.createDirectory(dir.resolve(spec.name()));
            try (Model m = ExchangeFixturesAccess.built(spec, 9)) {
                int n = 6;
                float[] images = ExchangeFixturesAccess.images(m.inputShape(), n);
                float[] ours = ExchangeFixturesAccess.predict(m, images, n);
                TorchStateDict.write(spec, HostCopies.download(m.parameters()), d.resolve("model_torch.safetensors"));
                int[] in = new int[m.inputShape().rank() + 1];
                in[0] = n;
                for (int i = 0; i < m.inputShape().rank(); i++) in[i + 1] = m.inputShape().dim(i);
                SafeTensors.write(d.resolve("check.safetensors"), Map.of(
                        "images", new HostTensor(Shape.of(in), java.util.Arrays.copyOf(images, Math.toIntExact(Shape.of(in).size()))),
                        "expected", new HostTensor(Shape.of(n, ours.length / n), ours)), Map.of());
            }
            command.add(d.toString());
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "python did not finish in 300 s");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "PyTorch run failed:\n" + out);
        List<String> lines = out.lines().toList();
        assertEquals(specs.size(), lines.size(), out);
        for (int i = 0; i < specs.size(); i++) {
            double diff = Double.parseDouble(lines.get(i));
            assertTrue(diff <= 1e-5, specs.get(i).name() + ": PyTorch differs from predict by " + diff);
        }
    }

    @Test
    void convFamilyLayersAreRefusedNamingTheLayer(@TempDir Path dir) throws Exception {
        ModelSpec spec = io.github.convnet4j.model.Presets.get("mobilenet-small");
        try (Model m = ExchangeFixturesAccess.built(spec, 3)) {
            Path out = dir.resolve("m.safetensors");
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> TorchStateDict.write(spec, HostCopies.download(m.parameters()), out));
            assertTrue(e.getMessage().contains("type DepthwiseConv2D has no safetensors-torch export"), e.getMessage());
            assertTrue(!Files.exists(out), "nothing is written for a refused model");
        }
    }
}
