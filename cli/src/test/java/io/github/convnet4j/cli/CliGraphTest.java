package io.github.convnet4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Graph models from the command line: the reference presets' counts, a functional spec's summary and its errors. */
class CliGraphTest {
    @TempDir Path tmp;

    @Test
    void summaryJsonGivesTheReferenceCountsOfThePresets() throws Exception {
        Map<String, Long> reference = Map.of("alexnet", 61_100_840L, "vgg16", 138_357_544L, "resnet18", 11_689_512L,
                "resnet50", 25_557_032L, "googlenet", 6_624_904L);
        for (Map.Entry<String, Long> e : reference.entrySet()) {
            CliRun r = CliRun.of("summary", "--model", e.getKey(), "--json");
            assertEquals(0, r.exitCode(), r.err());
            JsonNode json = new ObjectMapper().readTree(r.out());
            assertEquals(e.getValue().longValue(), json.get("trainable_params").asLong(), e.getKey());
            assertEquals("[3,224,224]", json.get("input_shape").toString(), e.getKey());
        }
    }

    @Test
    void presetOptionsSetTheInputAndTheClasses() throws Exception {
        CliRun r = CliRun.of("summary", "--model", "resnet18:input=1x28x28,classes=5", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("[1,28,28]", json.get("input_shape").toString());
        JsonNode layers = json.get("layers");
        assertEquals("[5]", layers.get(layers.size() - 1).get("output_shape").toString());
    }

    @Test
    void aFunctionalSpecShowsItsConnections() throws Exception {
        Path spec = tmp.resolve("branches.yaml");
        Files.writeString(spec, """
                input_shape: [1, 8, 8]
                layers:
                  - {name: stem, type: Conv2D, filters: 4, kernel_size: 3, padding: same}
                  - {name: b1, type: Conv2D, filters: 2, kernel_size: 1, inputs: [stem]}
                  - {name: b2, type: Conv2D, filters: 3, kernel_size: 3, padding: same, inputs: [stem]}
                  - {name: mix, type: Concatenate, inputs: [b1, b2]}
                  - {type: GlobalMaxPooling2D}
                  - {type: Dense, units: 3, activation: softmax}
                """);
        CliRun r = CliRun.of("summary", "--model", spec.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Connected to"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith(" mix (Concatenate)") && l.contains("(None, 5, 8, 8)") && l.endsWith("b1, b2")), r.out());
    }

    @Test
    void graphErrorsAreOneLineNamingTheFileAndTheLayer() throws Exception {
        Path spec = tmp.resolve("cycle.yaml");
        Files.writeString(spec, """
                input_shape: [4]
                layers:
                  - {name: a, type: Dense, units: 4, inputs: [b]}
                  - {name: b, type: Dense, units: 4}
                  - {name: out, type: Add, inputs: [b, input]}
                """);
        CliRun r = CliRun.of("summary", "--model", spec.toString());
        assertEquals(1, r.exitCode());
        assertEquals("convnet: error: cycle.yaml: layer 0 (a): its inputs form a cycle: a -> b -> a", r.errorLines().strip());
        Path shapes = tmp.resolve("shapes.yaml");
        Files.writeString(shapes, """
                input_shape: [2, 4, 4]
                layers:
                  - {name: a, type: Conv2D, filters: 3, kernel_size: 1}
                  - {name: s, type: Add, inputs: [a, input]}
                """);
        CliRun bad = CliRun.of("summary", "--model", shapes.toString());
        assertEquals(1, bad.exitCode());
        assertTrue(bad.errorLines().contains("layer s (Add): inputs must have equal shapes, got (3, 4, 4), (2, 4, 4)"), bad.err());
    }
}
