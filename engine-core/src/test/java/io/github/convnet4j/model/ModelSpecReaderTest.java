package io.github.convnet4j.model;

import io.github.convnet4j.backend.ops.LossKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spec file's optional keys (outputs, loss, class_names), YAML's number forms and nested
 * values, and the one-line refusals a user sees, each starting with the file name.
 */
class ModelSpecReaderTest {
    private static final String LAYERS = "\"input_shape\": [1, 4, 4], \"layers\": [{\"type\": \"Flatten\"}, {\"type\": \"Dense\", \"units\": 2}]";

    private static ModelSpec json(String extra) {
        return ModelSpecReader.parse("{" + LAYERS + (extra.isEmpty() ? "" : ", " + extra) + "}", "m.json");
    }

    private static String refusal(String text, String source) {
        return assertThrows(IllegalArgumentException.class, () -> ModelSpecReader.parse(text, source)).getMessage();
    }

    @Test void outputsNameOneLayerAloneOrInAList() {
        assertNull(json("").output());
        assertNull(json("\"outputs\": null").output());
        assertEquals("dense_1", json("\"outputs\": \"dense_1\"").output());
        assertEquals("dense_1", json("\"outputs\": [\"dense_1\"]").output());
        assertEquals("m.json: outputs: a model has one output layer, got 2", refusal("{" + LAYERS + ", \"outputs\": [\"a\", \"b\"]}", "m.json"));
        assertEquals("m.json: outputs must name a layer, got 3", refusal("{" + LAYERS + ", \"outputs\": 3}", "m.json"));
        assertEquals("m.json: outputs must name a layer, got [3]", refusal("{" + LAYERS + ", \"outputs\": [[3]]}", "m.json"));
    }

    @Test void lossIsAKerasNameOrAbsent() {
        assertNull(json("").loss());
        assertNull(json("\"loss\": null").loss());
        assertEquals(LossKind.MEAN_ABSOLUTE_ERROR, json("\"loss\": \"mae\"").loss());
        assertEquals("m.json: loss must be a name such as categorical_crossentropy or mae, got 2", refusal("{" + LAYERS + ", \"loss\": 2}", "m.json"));
        assertTrue(refusal("{" + LAYERS + ", \"loss\": \"hinge\"}", "m.json").startsWith("m.json: loss: "));
    }

    @Test void classNamesAreStringsOrNumbers() {
        assertEquals(List.of(), json("").classNames());
        assertEquals(List.of(), json("\"class_names\": null").classNames());
        assertEquals(List.of("cat", "7"), json("\"class_names\": [\"cat\", 7]").classNames());
        assertEquals("m.json: class_names must be a list of strings, got STRING", refusal("{" + LAYERS + ", \"class_names\": \"cat\"}", "m.json"));
        assertEquals("m.json: class_names[1] must be a string, got {}", refusal("{" + LAYERS + ", \"class_names\": [\"a\", {}]}", "m.json"));
    }

    @Test void yamlNumbersNestedValuesAndHugeIntegers() {
        ModelSpec s = ModelSpecReader.parse(String.join("\n",
                "input_shape: [1, 8, 8]",
                "layers:",
                "  - type: Conv2D",
                "    filters: '4'",
                "    kernel_size: [3, 3]",
                "    use_bias: true",
                "    activation: relu",
                "    kernel_regularizer: {l2: 1e-4}",
                "  - type: Dropout",
                "    rate: 2e-1"), "m.yaml");
        Map<String, Object> c = s.layers().get(0).config();
        assertEquals(4, c.get("filters"), "text that is exactly an integer becomes one");
        assertEquals(List.of(3, 3), c.get("kernel_size"));
        assertEquals(true, c.get("use_bias"));
        assertEquals("relu", c.get("activation"));
        assertEquals(Map.of("l2", 1e-4), c.get("kernel_regularizer"), "YAML 1.1 reads 1e-4 as text; a decimal number it is");
        assertEquals(0.2, s.layers().get(1).config().get("rate"));
        // JSON keeps text as text
        Map<String, Object> j = ModelSpecReader.parse("{\"input_shape\": [4], \"layers\": [{\"type\": \"Dense\", \"units\": 2, \"name\": \"12\"}]}", "m.json")
                .layers().get(0).config();
        assertEquals("12", j.get("name"), "JSON text stays text");
        assertEquals("m.json: layer 0: key 'units': integer 18446744073709551620 is out of range",
                refusal("{\"input_shape\": [4], \"layers\": [{\"type\": \"Dense\", \"units\": 18446744073709551620}]}", "m.json"));
    }

    @Test void refusalsNameTheFileAndWhatIsWrong() {
        assertEquals("m.json: expected an object with input_shape and layers", refusal("[1]", "m.json"));
        assertTrue(refusal("{" + LAYERS + "} {}", "m.json").startsWith("m.json: unexpected content after the JSON object at line 1"),
                refusal("{" + LAYERS + "} {}", "m.json"));
        assertEquals("m.json: unknown key 'layer' (did you mean 'layers'?)", refusal("{" + LAYERS + ", \"layer\": []}", "m.json"));
        assertEquals("m.json: unknown key 'inputs' (did you mean 'input_shape'?)", refusal("{" + LAYERS + ", \"inputs\": []}", "m.json"));
        assertEquals("m.json: unknown key 'seed' (known keys: name, input_shape, layers, outputs, class_names, loss)",
                refusal("{" + LAYERS + ", \"seed\": 1}", "m.json"));
        assertEquals("m.json: layer 1 (head): missing key 'type'",
                refusal("{\"input_shape\": [4], \"layers\": [{\"type\": \"Flatten\"}, {\"name\": \"head\", \"units\": 2}]}", "m.json"));
        assertEquals("m.json: layer 0: missing key 'type'", refusal("{\"input_shape\": [4], \"layers\": [{\"units\": 2}]}", "m.json"));
        assertEquals("m.json: key 'name' must be a string", refusal("{" + LAYERS + ", \"name\": 3}", "m.json"));
        // Without an extension, text starting with { is JSON, anything else YAML.
        assertEquals("x", ModelSpecReader.parse("{\"name\": \"x\", " + LAYERS + "}", "spec").name());
        assertEquals("y", ModelSpecReader.parse("name: y\ninput_shape: [4]\nlayers: [{type: Flatten}]", "spec").name());
    }

    @Test void theFormatFollowsTheExtensionThenTheFirstCharacter() {
        // .json is JSON whatever the text: YAML that would parse is refused as invalid JSON
        assertTrue(refusal("name: y\ninput_shape: [4]\nlayers: [{type: Flatten}]", "m.json").startsWith("m.json: invalid JSON at line 1"),
                refusal("name: y\ninput_shape: [4]\nlayers: [{type: Flatten}]", "m.json"));
        // .yaml and .yml are YAML even in flow style starting with {, which is not JSON
        String flow = "{name: f, input_shape: [4], layers: [{type: Flatten}]}";
        assertEquals("f", ModelSpecReader.parse(flow, "m.yaml").name());
        assertEquals("f", ModelSpecReader.parse(flow, "M.YML").name());
        // no extension and a {: JSON, so broken text is reported as JSON
        assertTrue(refusal("{\"name\": ", "-").startsWith("-: invalid JSON"), refusal("{\"name\": ", "-"));
    }

    @Test void inputShapeAndLayersAreCheckedBeforeTheLayers() {
        assertEquals("m.json: missing key 'input_shape' (channels, height, width), e.g. [1, 28, 28]",
                refusal("{\"layers\": [{\"type\": \"Flatten\"}]}", "m.json"));
        // one to four dimensions
        assertEquals(io.github.convnet4j.tensor.Shape.of(1, 2, 3, 4),
                ModelSpecReader.parse("{\"input_shape\": [1, 2, 3, 4], \"layers\": [{\"type\": \"Flatten\"}]}", "m.json").inputShape());
        assertEquals("m.json: input_shape must be [features], [channels, length], [channels, height, width] or [channels, depth, height, width], got [1,2,3,4,5]",
                refusal("{\"input_shape\": [1, 2, 3, 4, 5], \"layers\": [{\"type\": \"Flatten\"}]}", "m.json"));
        assertEquals("m.json: input_shape must hold positive integers, got [0,4]",
                refusal("{\"input_shape\": [0, 4], \"layers\": [{\"type\": \"Flatten\"}]}", "m.json"));
        assertEquals("m.json: missing key 'layers' (a list of layer objects)", refusal("{\"input_shape\": [4]}", "m.json"));
        assertEquals("m.json: layer 0: expected an object with a 'type', got 3", refusal("{\"input_shape\": [4], \"layers\": [3]}", "m.json"));
        assertEquals("m.json: layer 0: key 'type' must be a string", refusal("{\"input_shape\": [4], \"layers\": [{\"type\": 3}]}", "m.json"));
    }

    @Test void anExplicitNullIsKeptAsNull() {
        // "activation": null means the default (linear), as if the key were absent; it is not the word "null"
        ModelSpec s = ModelSpecReader.parse("{\"input_shape\": [4], \"layers\": [{\"type\": \"Dense\", \"units\": 2, \"activation\": null}]}", "m.json");
        Map<String, Object> c = s.layers().get(0).config();
        assertTrue(c.containsKey("activation"));
        assertNull(c.get("activation"));
    }
}
