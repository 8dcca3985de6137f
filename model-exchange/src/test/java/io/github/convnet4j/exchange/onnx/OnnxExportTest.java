package io.github.convnet4j.exchange.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.exchange.onnx.proto.OnnxProto.ModelProto;
import io.github.convnet4j.exchange.onnx.proto.OnnxProto.NodeProto;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.model.Presets;
import io.github.convnet4j.persist.HostCopies;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Exported models run in ONNX Runtime and give our {@code predict}'s outputs within 1e-5. */
class OnnxExportTest {
    private static final double TOLERANCE = 1e-5;

    static Stream<ModelSpec> specs() {
        return Stream.concat(Presets.names().stream().map(Presets::get),
                Stream.of(ExchangeFixtures.everyLayer(), ExchangeFixtures.globalPooling()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void onnxRuntimeReproducesPredict(ModelSpec spec) throws Exception {
        int n = 24;
        try (Model model = ExchangeFixtures.built(spec, 11)) {
            float[] images = ExchangeFixtures.images(model.inputShape(), n);
            float[] ours = ExchangeFixtures.predict(model, images, n);
            ModelProto proto = OnnxExporter.toProto(spec, HostCopies.download(model.parameters()));
            float[] theirs = OnnxRuntimeRun.run(proto.toByteArray(), images, n, model.inputShape());
            assertEquals(ours.length, theirs.length, "output size");
            int worst = 0;
            for (int i = 0; i < ours.length; i++) if (Math.abs(ours[i] - theirs[i]) > Math.abs(ours[worst] - theirs[worst])) worst = i;
            double diff = Math.abs(ours[worst] - theirs[worst]);
            assertTrue(diff <= TOLERANCE, spec.name() + ": value " + worst + " is " + ours[worst] + " here but " + theirs[worst]
                    + " in ONNX Runtime (|diff| " + diff + " > " + TOLERANCE + ")");
        }
    }

    @Test
    void graphUsesOpset17AndOnlyStandardOps() {
        ModelSpec spec = ExchangeFixtures.everyLayer();
        try (Model model = ExchangeFixtures.built(spec, 1)) {
            ModelProto proto = OnnxExporter.toProto(spec, HostCopies.download(model.parameters()));
            assertEquals(17, proto.getOpsetImport(0).getVersion());
            assertEquals("", proto.getOpsetImport(0).getDomain());
            Set<String> names = new HashSet<>();
            for (NodeProto node : proto.getGraph().getNodeList()) {
                assertTrue(names.add(node.getName()), "node names are unique: " + node.getName());
                assertEquals("", node.getDomain(), node.getName());
            }
            assertEquals("input", proto.getGraph().getInput(0).getName());
            assertEquals("output", proto.getGraph().getOutput(0).getName());
        }
    }

    @Test
    void everyLayerTypeHasAnEmitter() {
        assertEquals(List.of(), LayerEmitters.uncovered(), "layer types without ONNX export");
    }
}
