package io.github.convnet4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.convnet4j.nn.ShapeException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The functional (graph) spec syntax: wiring, the errors a bad graph gets, and the summary's connections. */
class GraphSpecTest {
    private static final String BRANCHES = """
            name: branches
            input_shape: [1, 8, 8]
            layers:
              - {name: stem, type: Conv2D, filters: 4, kernel_size: 3, padding: same}
              - {name: b1, type: Conv2D, filters: 2, kernel_size: 1, inputs: [stem]}
              - {name: b2, type: Conv2D, filters: 2, kernel_size: 3, padding: same, inputs: [stem]}
              - {name: sum, type: Add, inputs: [b1, b2]}
              - {type: Flatten}
              - {name: out, type: Dense, units: 3, activation: softmax}
            """;

    private static String broken(String mix) {
        return BRANCHES.replace("- {name: sum, type: Add, inputs: [b1, b2]}", mix);
    }

    private static String error(String yaml) {
        return assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse(yaml, "g.yaml")).getMessage();
    }

    @Test
    void aBranchingSpecIsWiredByNameAndDefaultsToThePreviousLayer() throws Exception {
        Model m = Model.of(ModelSpec.parse(BRANCHES, "g.yaml"));
        assertFalse(m.isChain());
        assertEquals(List.of("input"), m.layerInputNames(0));
        assertEquals(List.of("stem"), m.layerInputNames(2));
        assertEquals(List.of("b1", "b2"), m.layerInputNames(3));
        assertEquals(List.of("sum"), m.layerInputNames(4), "no inputs key: the previous layer");
        assertEquals(io.github.convnet4j.tensor.Shape.of(3), m.outputShape());
        long expected = (4 * 9 + 4) + (2 * 4 + 2) + (2 * 4 * 9 + 2) + (2 * 64 * 3 + 3);
        assertEquals(expected, m.parameterCount());
        String table = m.summary().table();
        assertTrue(table.contains("Connected to"), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith(" sum (Add)") && l.endsWith("b1, b2")), table);
        JsonNode j = new ObjectMapper().readTree(m.summary().json());
        assertEquals("[\"b1\",\"b2\"]", j.get("layers").get(3).get("inputs").toString());
        assertEquals("[\"input\"]", j.get("layers").get(0).get("inputs").toString());
    }

    @Test
    void aSequentialSpecIsAChainAndItsTableHasNoConnectionsColumn() {
        Model m = Model.of(Presets.get("keras-mnist"));
        assertTrue(m.isChain());
        assertFalse(m.summary().table().contains("Connected to"));
    }

    @Test
    void specsWithInputsAndOutputsRoundTrip() {
        ModelSpec spec = ModelSpec.parse(BRANCHES.replace("layers:", "outputs: out\nlayers:"), "g.yaml");
        assertEquals("out", spec.output());
        assertEquals(spec, ModelSpec.parse(spec.toJson(), "g.json"));
        assertEquals(spec, ModelSpec.parse(spec.toYaml(), "g.yaml"));
        assertEquals(List.of("b1", "b2"), spec.layers().get(3).inputs());
    }

    @Test
    void anUnknownInputNameIsOneLineNamingTheLayerAndTheNearestName() {
        assertEquals("g.yaml: layer 3 (sum): input 'bb2' names no layer (did you mean 'b2'?)",
                error(broken("- {name: sum, type: Add, inputs: [b1, bb2]}")));
        assertTrue(error(BRANCHES.replace("layers:", "outputs: outt\nlayers:")).contains("outputs: 'outt' names no layer (did you mean 'out'?)"));
    }

    @Test
    void aCycleIsNamedWithItsPath() {
        String e = error("""
                input_shape: [4]
                layers:
                  - {name: a, type: Dense, units: 4, inputs: [c]}
                  - {name: b, type: Dense, units: 4}
                  - {name: c, type: Dense, units: 4}
                  - {name: out, type: Add, inputs: [c, input]}
                """);
        assertEquals("g.yaml: layer 0 (a): its inputs form a cycle: a -> b -> c -> a", e);
        assertEquals("g.yaml: layer 1 (b1): a layer cannot take its own output as input",
                error(BRANCHES.replace("inputs: [stem]}\n  - {name: b2", "inputs: [b1]}\n  - {name: b2")));
    }

    @Test
    void aLayerWhoseOutputReachesNothingIsRefused() {
        String e = error(broken("- {name: sum, type: Add, inputs: [b2, stem]}"));
        assertEquals("g.yaml: layer 1 (b1): its output reaches no output; name it in another layer's inputs (or in 'outputs')", e);
        String early = error(BRANCHES.replace("layers:", "outputs: sum\nlayers:"));
        assertTrue(early.contains("layer 3 (sum): the output layer feeds other layers"), early);
    }

    @Test
    void theNumberOfInputsMustFitTheLayer() {
        assertEquals("g.yaml: layer 3 (sum): Add merges two or more inputs; name them in 'inputs'",
                error(broken("- {name: sum, type: Add, inputs: [b1]}")));
        assertEquals("g.yaml: layer 3 (sum): Conv2D takes one input, 'inputs' names 2",
                error(broken("- {name: sum, type: Conv2D, filters: 2, kernel_size: 1, inputs: [b1, b2]}")));
        assertEquals("g.yaml: layer 3 (sum): key 'inputs' must be a non-empty list of layer names, got []",
                error(broken("- {name: sum, type: Add, inputs: []}")));
        assertEquals("g.yaml: layer 0 (input): the name 'input' is reserved for the model input",
                error(BRANCHES.replace("name: stem", "name: input")));
    }

    @Test
    void shapesThatDoNotFitAreRefusedBeforeAnythingIsAllocatedNamingLayerAndShapes() {
        ModelSpec spec = ModelSpec.parse(BRANCHES.replace("filters: 2, kernel_size: 3", "filters: 5, kernel_size: 3"), "g.yaml");
        ShapeException e = assertThrows(ShapeException.class, () -> Model.of(spec));
        assertEquals("layer sum (Add): inputs must have equal shapes, got (2, 8, 8), (5, 8, 8)", e.getMessage());
    }

    @Test
    void theModelInputMayFeedSeveralLayers() {
        Model m = Model.of(ModelSpec.parse("""
                input_shape: [6]
                layers:
                  - {name: a, type: Dense, units: 6, inputs: [input]}
                  - {name: s, type: Add, inputs: [a, input]}
                """, "g.yaml"));
        assertEquals(List.of("a", "input"), m.layerInputNames(1));
    }

    @Test
    void aResidualBlockExpandsIntoNodesThatKeepItsParameterNamesAndCounts() {
        Model m = Model.of(ModelSpec.of("r", io.github.convnet4j.tensor.Shape.of(3, 8, 8), List.of(
                LayerSpec.of("ResidualBlock", "name", "res", "filters", 4, "strides", 2),
                LayerSpec.of("GlobalAveragePooling2D"))));
        List<String> names = m.layers().stream().map(l -> l.name()).toList();
        assertEquals(List.of("res/conv1", "res/bn1", "res/relu1", "res/conv2", "res/bn2", "res/shortcut_conv", "res/shortcut_bn",
                "res/add", "res/relu", "global_average_pooling2d_1"), names);
        assertEquals(List.of("res/bn2", "res/shortcut_bn"), m.layerInputNames(7));
        assertEquals(List.of("res/relu"), m.layerInputNames(9), "the block's name stands for its last node");
        assertEquals(4L * 3 * 9 + 4L * 4 * 9 + 4L * 3 + 3 * 4 * 4, m.parameterCount());
    }
}
