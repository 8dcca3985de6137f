package io.github.convnet4j.persist;

import io.github.convnet4j.io.SafeTensors;
import io.github.convnet4j.tensor.HostTensor;
import io.github.convnet4j.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The files around {@link PlainWeights}: which safetensors files are "plain" (not our model files),
 * and the JSON map file's refusals, each one line naming the file. Loading itself is tested with a
 * model in engine-cpu-fallback and model-exchange.
 */
class PlainWeightsFilesTest {
    private static final Map<String, HostTensor> ONE = Map.of("w", new HostTensor(Shape.of(2), new float[] {1, 2}));

    @Test void onlySafetensorsFilesThatAreNotOurModelsArePlain(@TempDir Path dir) throws IOException {
        Path plain = dir.resolve("resnet.safetensors");
        SafeTensors.write(plain, ONE, Map.of("format", "pt"));
        assertTrue(PlainWeights.isPlain(plain));
        Path ours = dir.resolve("model.safetensors");
        SafeTensors.write(ours, ONE, Map.of("format", ModelFile.FORMAT));
        assertFalse(PlainWeights.isPlain(ours), "our own model file");
        Path renamed = dir.resolve("weights.bin");
        Files.copy(plain, renamed);
        assertFalse(PlainWeights.isPlain(renamed), "not named .safetensors");
        Path folder = Files.createDirectory(dir.resolve("folder.safetensors"));
        assertFalse(PlainWeights.isPlain(folder), "a directory");
        assertFalse(PlainWeights.isPlain(dir.resolve("absent.safetensors")));
    }

    @Test void aMapIsOneJsonObjectOfStrings(@TempDir Path dir) throws IOException {
        Path good = Files.writeString(dir.resolve("map.json"), "{\"conv2d_1\": \"features.0\", \"dense_1/kernel\": \"fc.weight\"}");
        assertEquals(Map.of("conv2d_1", "features.0", "dense_1/kernel", "fc.weight"), PlainWeights.readMap(good));
        assertEquals(Map.of(), PlainWeights.readMap(Files.writeString(dir.resolve("empty.json"), "{}")));
    }

    @Test void badMapsAreRefusedNamingTheFile(@TempDir Path dir) throws IOException {
        assertRefused(Files.createDirectory(dir.resolve("d.json")), ": not a regular file");
        assertRefused(dir.resolve("missing.json"), ": not a regular file");
        Path big = dir.resolve("big.json");
        Files.write(big, new byte[(int) PlainWeights.MAX_MAP_BYTES + 1]);
        assertRefused(big, ": larger than 1048576 bytes");
        Path limit = dir.resolve("limit.json");
        byte[] exactly = new byte[(int) PlainWeights.MAX_MAP_BYTES];
        java.util.Arrays.fill(exactly, (byte) ' ');
        exactly[0] = '{';
        exactly[exactly.length - 1] = '}';
        Files.write(limit, exactly);
        assertEquals(Map.of(), PlainWeights.readMap(limit), "exactly the limit is allowed");
        assertRefused(Files.writeString(dir.resolve("broken.json"), "{\"a\": "), ": not JSON: ");
        assertRefused(Files.writeString(dir.resolve("dup.json"), "{\"a\": \"x\", \"a\": \"y\"}"), ": not JSON: ");
        assertRefused(Files.writeString(dir.resolve("array.json"), "[\"a\"]"), ": must be a JSON object");
        assertRefused(Files.writeString(dir.resolve("blank.json"), ""), ": must be a JSON object");
        assertRefused(Files.writeString(dir.resolve("number.json"), "{\"a\": 3}"), ": value of 'a' is not a string");
    }

    private static void assertRefused(Path map, String says) {
        IOException e = assertThrows(IOException.class, () -> PlainWeights.readMap(map));
        assertTrue(e.getMessage().startsWith(map + says), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
