package io.github.convnet4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.nn.ShapeException;
import io.github.convnet4j.tensor.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSpecTest {
    private static final String JSON = """
            {
              "name": "tiny",
              "input_shape": [1, 28, 28],
              "layers": [
                {"type": "Conv2D", "filters": 8, "kernel_size": [3, 3], "activation": "relu",
                 "kernel_regularizer": {"l2": 0.0001}},
                {"type": "max_pooling2d", "pool_size": 2},
                {"type": "BatchNormalization", "momentum": 0.9},
                {"type": "Flatten"},
                {"type": "Dropout", "rate": 0.25},
                {"type": "Dense", "units": 10, "activation": "softmax", "name": "classifier", "trainable": false}
              ]
            }
            """;

    private static final String YAML = """
            name: tiny
            input_shape: [1, 28, 28]
            layers:
              - type: Conv2D
                filters: 8
                kernel_size: [3, 3]
                activation: relu
                kernel_regularizer: {l2: 1.0e-4}
              - {type: max_pooling2d, pool_size: 2}
              - type: BatchNormalization
                momentum: 0.9
              - type: Flatten
              - type: Dropout
                rate: 0.25
              - type: Dense
                units: 10
                activation: softmax
                name: classifier
                trainable: false
            """;

    @Test
    void parsesJsonAssigningKerasNamesAndCanonicalTypes() {
        ModelSpec s = ModelSpec.parse(JSON, "tiny.json");
        assertEquals("tiny", s.name());
        assertEquals(Shape.of(1, 28, 28), s.inputShape());
        List<String> names = s.layers().stream().map(LayerSpec::name).toList();
        assertEquals(List.of("conv2d_1", "max_pooling2d_1", "batch_normalization_1", "flatten_1", "dropout_1", "classifier"), names);
        assertEquals("MaxPooling2D", s.layers().get(1).type());
        assertEquals(false, s.layers().get(5).config().get("trainable"));
    }

    @Test
    void yamlAndJsonGiveTheSameSpec() {
        assertEquals(ModelSpec.parse(JSON, "tiny.json"), ModelSpec.parse(YAML, "tiny.yaml"));
    }

    @Test
    void toJsonAndToYamlRoundTrip() {
        ModelSpec s = ModelSpec.parse(JSON, "tiny.json");
        String json = s.toJson();
        assertTrue(json.contains("\"input_shape\""), json);
        assertEquals(s, ModelSpec.parse(json, "again.json"));
        assertEquals(s, ModelSpec.parse(s.toYaml(), "again.yaml"));
        for (String p : Presets.names()) {
            ModelSpec preset = Presets.get(p);
            assertEquals(preset, ModelSpec.parse(preset.toJson(), p + ".json"), p);
        }
    }

    @Test
    void readsFiles(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("model.yaml");
        Files.writeString(f, YAML);
        assertEquals(ModelSpec.parse(JSON, "x"), ModelSpec.read(f));
    }

    @Test
    void formatFollowsTheExtension() {
        // YAML flow style starts with a brace too; the extension decides.
        ModelSpec s = ModelSpec.parse("{input_shape: [4], layers: [{type: Dense, units: 2}]}", "flow.yml");
        assertEquals(Shape.of(4), s.inputShape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelSpec.parse("input_shape: [4]\nlayers: []\n", "model.json"));
        assertTrue(e.getMessage().startsWith("model.json: invalid JSON"), e.getMessage());
    }

    @Test
    void autoNamesSkipNamesTakenExplicitly() {
        ModelSpec s = ModelSpec.of(null, Shape.of(4), List.of(
                LayerSpec.of("Dense", "units", 3, "name", "dense_1"),
                LayerSpec.of("Dense", "units", 3),
                LayerSpec.of("Dense", "units", 3)));
        assertEquals(List.of("dense_1", "dense_2", "dense_3"), s.layers().stream().map(LayerSpec::name).toList());
        assertEquals(ModelSpec.DEFAULT_NAME, s.name(), "a spec without a name is 'sequential', as summary has always called it");
        assertEquals("sequential", ModelSpec.parse("{\"input_shape\": [4], \"layers\": [{\"type\": \"Dense\", \"units\": 2}]}", "x.json").name());
    }

    @Test
    void channelsLastInputShapeGetsTheOrderAndTheReorderedShape() {
        String yaml = "input_shape: [28, 28, 1]\nlayers:\n  - {type: Conv2D, filters: 8, kernel_size: 3}\n";
        ModelSpec spec = ModelSpec.parse(yaml, "keras.yaml");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Model.of(spec));
        assertTrue(e.getMessage().contains("input_shape is [channels, height, width]"), e.getMessage());
        assertTrue(e.getMessage().endsWith("did you mean [1, 28, 28]?"), e.getMessage());
        // A channels-first shape that does not fit for another reason gets no such hint.
        ModelSpec small = ModelSpec.parse("input_shape: [1, 2, 2]\nlayers:\n  - {type: Conv2D, filters: 8, kernel_size: 3}\n", "s.yaml");
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class, () -> Model.of(small));
        assertFalse(other.getMessage().contains("channels-last"), other.getMessage());
    }

    @Test
    void aSingleOutputTakesTheNamesOfItsTwoClasses() {
        ModelSpec binary = ModelSpec.of("b", Shape.of(4), List.of(LayerSpec.of("Dense", "units", 1, "activation", "sigmoid")));
        try (Model m = Model.of(binary.withClassNames(List.of("cat", "dog")))) {
            assertEquals(List.of("cat", "dog"), m.spec().classNames());
        }
        assertThrows(IllegalArgumentException.class, () -> Model.of(binary.withClassNames(List.of("a", "b", "c"))));
    }

    @Test
    void unknownKeyNamesFileLayerIndexNameAndSuggestion() {
        String text = """
                {"input_shape": [1, 28, 28], "layers": [
                  {"type": "Flatten"}, {"type": "Dense", "units": 5}, {"type": "Dropout", "rate": 0.1},
                  {"type": "Dense", "unit": 10}]}
                """;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse(text, "model.json"));
        assertEquals("model.json: layer 3 (dense_2): unknown key 'unit' (did you mean 'units'?)", e.getMessage());
    }

    @Test
    void otherErrorsAreOneLineNamingTheFile() {
        assertMessage("m.json: layer 0 (conv2d_1): key 'filters' must be an integer, got \"8\"",
                "{\"input_shape\": [1, 8, 8], \"layers\": [{\"type\": \"Conv2D\", \"filters\": \"8\", \"kernel_size\": 3}]}");
        assertMessage("m.json: layer 1: unknown layer type 'Dense2' (did you mean 'Dense'?); known types: "
                        + "Conv2D, DepthwiseConv2D, SeparableConv2D, Conv2DTranspose, UpSampling2D, Conv1D, Conv3D, "
                        + "MaxPooling1D, AveragePooling1D, MaxPooling3D, AveragePooling3D, GlobalAveragePooling1D, "
                        + "GlobalMaxPooling1D, GlobalMaxPooling2D, GlobalAveragePooling3D, GlobalMaxPooling3D, MaxPooling2D, "
                        + "AveragePooling2D, GlobalAveragePooling2D, Dense, Flatten, Dropout, BatchNormalization, Activation, "
                        + "ReLU, LeakyReLU, ELU, Softmax, ResidualBlock, Add, Multiply, Average, Maximum, Concatenate, Reshape, "
                        + "ZeroPadding2D",
                "{\"input_shape\": [4], \"layers\": [{\"type\": \"Dense\", \"units\": 2}, {\"type\": \"Dense2\", \"units\": 2}]}");
        assertMessage("m.json: unknown key 'layer' (did you mean 'layers'?)", "{\"input_shape\": [4], \"layer\": []}");
        assertMessage("m.json: input_shape must be [features], [channels, length], [channels, height, width] or "
                        + "[channels, depth, height, width], got [1,2,3,4,5]",
                "{\"input_shape\": [1, 2, 3, 4, 5], \"layers\": []}");
        assertMessage("m.json: layer 1 (a): name 'a' is already used by layer 0",
                "{\"input_shape\": [4], \"layers\": [{\"type\": \"Dense\", \"units\": 2, \"name\": \"a\"}, {\"type\": \"Dense\", \"units\": 2, \"name\": \"a\"}]}");
        assertMessage("m.json: layer 0: missing key 'type'", "{\"input_shape\": [4], \"layers\": [{\"units\": 2}]}");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("{\"input_shape\": [4,", "m.json"));
        assertTrue(bad.getMessage().startsWith("m.json: invalid JSON at line 1"), bad.getMessage());
        assertFalse(bad.getMessage().contains("\n"));
    }

    private static void assertMessage(String expected, String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse(text, "m.json"));
        assertEquals(expected, e.getMessage());
    }

    @Test
    void modelOfChecksShapesBeforeAllocating() {
        ModelSpec spec = ModelSpec.parse("""
                {"input_shape": [1, 12, 12], "layers": [
                  {"type": "Conv2D", "filters": 4, "kernel_size": 3},
                  {"type": "MaxPooling2D", "pool_size": 2},
                  {"type": "Conv2D", "filters": 64, "kernel_size": 3},
                  {"type": "Conv2D", "filters": 8, "kernel_size": 5}]}
                """, "m.json");
        ShapeException e = assertThrows(ShapeException.class, () -> Model.of(spec));
        assertEquals("layer conv2d_3 (Conv2D): input (64, 3, 3) is smaller than the 5×5 kernel", e.getMessage());
    }

    private static final List<String> TEN = List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");

    @Test
    void classNamesRoundTripThroughJsonAndYamlAndSurviveEdits() {
        ModelSpec s = ModelSpec.parse(JSON, "tiny.json").withClassNames(TEN);
        assertEquals(TEN, s.classNames());
        assertTrue(s.toJson().contains("\"class_names\""), s.toJson());
        assertEquals(s, ModelSpec.parse(s.toJson(), "again.json"));
        assertEquals(s, ModelSpec.parse(s.toYaml(), "again.yaml"));
        assertFalse(s.equals(ModelSpec.parse(JSON, "tiny.json")), "class names are part of the spec");
        assertEquals(TEN, s.withName("other").classNames());
        assertEquals(TEN, s.withLayer(0, s.layers().get(0).with("trainable", false)).classNames());
        assertFalse(ModelSpec.parse(JSON, "tiny.json").toJson().contains("class_names"), "no key when there are none");
    }

    @Test
    void classNamesAreCheckedOneLineEach() {
        ModelSpec s = ModelSpec.parse(JSON, "tiny.json");
        assertEquals("class_names[1] is empty",
                assertThrows(IllegalArgumentException.class, () -> s.withClassNames(List.of("a", " "))).getMessage());
        assertEquals("class_names[2] 'a' repeats class_names[0]",
                assertThrows(IllegalArgumentException.class, () -> s.withClassNames(List.of("a", "b", "a"))).getMessage());
        assertEquals("class_names[0] contains a control character",
                assertThrows(IllegalArgumentException.class, () -> s.withClassNames(List.of("a\nb"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.withClassNames(List.of("x".repeat(201))))
                .getMessage().contains("201 characters"));
        String text = JSON.replace("\"name\": \"tiny\",", "\"name\": \"tiny\", \"class_names\": \"shirt\",");
        assertEquals("tiny.json: class_names must be a list of strings, got STRING",
                assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse(text, "tiny.json")).getMessage());
        String nested = JSON.replace("\"name\": \"tiny\",", "\"name\": \"tiny\", \"class_names\": [[1]],");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse(nested, "tiny.json")).getMessage()
                .startsWith("tiny.json: class_names[0] must be a string"));
    }

    @Test
    void theModelChecksThereIsOneClassNamePerOutput() {
        ModelSpec s = ModelSpec.parse(JSON, "tiny.json");
        assertEquals(TEN, Model.of(s.withClassNames(TEN)).spec().classNames());
        ShapeException e = assertThrows(ShapeException.class, () -> Model.of(s.withClassNames(TEN.subList(0, 9))));
        assertEquals("class_names has 9 names but the model outputs 10 values per sample", e.getMessage());
    }

    @Test
    void aSpecNeedsAnInputOfOneToFourAxesAndALayer() {
        List<LayerSpec> flatten = List.of(LayerSpec.of("Flatten"));
        String rank = "input_shape must be [features], [channels, length], [channels, height, width] or [channels, depth, height, width], got ";
        assertEquals(rank + "()", assertThrows(IllegalArgumentException.class, () -> ModelSpec.of("m", Shape.of(), flatten)).getMessage());
        assertEquals(rank + "(1, 2, 3, 4, 5)",
                assertThrows(IllegalArgumentException.class, () -> ModelSpec.of("m", Shape.of(1, 2, 3, 4, 5), flatten)).getMessage());
        assertEquals(Shape.of(1, 2, 3, 4), ModelSpec.of("m", Shape.of(1, 2, 3, 4), flatten).inputShape());
        assertEquals("a model needs at least one layer",
                assertThrows(IllegalArgumentException.class, () -> ModelSpec.of("m", Shape.of(4), List.of())).getMessage());
    }

    @Test
    void classNamesAreBoundedInNumberAndLength() {
        ModelSpec spec = ModelSpec.of("m", Shape.of(4), List.of(LayerSpec.of("Flatten")));
        List<String> many = new java.util.ArrayList<>();
        for (int i = 0; i < 100_000; i++) many.add("c" + i);
        assertEquals(100_000, spec.withClassNames(many).classNames().size());
        many.add("one more");
        assertEquals("class_names: 100001 names (at most 100000)",
                assertThrows(IllegalArgumentException.class, () -> spec.withClassNames(many)).getMessage());
        String longest = "x".repeat(200);
        assertEquals(List.of(longest), spec.withClassNames(List.of(longest)).classNames());
        assertEquals("class_names[0] has 201 characters (at most 200)",
                assertThrows(IllegalArgumentException.class, () -> spec.withClassNames(List.of(longest + "x"))).getMessage());
    }
}
