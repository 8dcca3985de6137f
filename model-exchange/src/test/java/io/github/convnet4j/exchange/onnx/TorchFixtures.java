package io.github.convnet4j.exchange.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The files test-data/scripts/make_torch_models.py wrote with PyTorch, and its summary JSON. */
final class TorchFixtures {
    private TorchFixtures() {}

    /** A fixture copied to {@code dir} (the importers read paths). */
    static Path copy(String name, Path dir) throws IOException {
        try (InputStream in = TorchFixtures.class.getResourceAsStream("/torch/" + name)) {
            if (in == null) throw new IOException("test resource /torch/" + name + " is missing; run test-data/scripts/make_torch_models.py");
            Path p = dir.resolve(name);
            Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
            return p;
        }
    }

    /** torch_models.json. */
    static JsonNode summary() {
        try (InputStream in = TorchFixtures.class.getResourceAsStream("/torch/torch_models.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = (float) array.get(i).doubleValue();
        return out;
    }
}
