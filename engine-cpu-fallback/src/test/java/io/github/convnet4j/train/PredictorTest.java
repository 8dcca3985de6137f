package io.github.convnet4j.train;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.cpu.CpuBackendProvider;
import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.explain.LinearModels;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.tensor.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Predictor} on data kept as bytes (decoded batch by batch on the host) and on floats:
 * every sample's row lands in its own place whatever the batch size, and bad input is refused
 * with the shapes named. A model of one linear unit per pixel sum makes the expected rows easy to
 * compute by hand: the output of sample i is its pixel sum times the kernel, which is all ones.
 */
class PredictorTest {
    private final Backend backend = new CpuBackendProvider().open("");

    @AfterEach void close() { backend.close(); }

    /** Flatten then Dense(1, linear) over a (1, 2, 2) sample, kernel ones and bias 0: the output is the pixel sum. */
    private Model pixelSum() {
        return LinearModels.linear(backend, 1, 2, 2, 1, new float[] {1, 1, 1, 1}, new float[] {0});
    }

    @Test void bytesAreDecodedAndEveryRowLandsInPlaceOverUnevenBatches() {
        // 5 samples of 4 pixels: sample i holds bytes 51 i, 51 i, 0, 255 -> sum (102 i + 255) / 255
        byte[] pixels = new byte[20];
        for (int i = 0; i < 5; i++) {
            pixels[4 * i] = (byte) (51 * i);
            pixels[4 * i + 1] = (byte) (51 * i);
            pixels[4 * i + 3] = (byte) 255;
        }
        Dataset data = Dataset.ofUnsignedBytes(pixels, new int[5], Shape.of(1, 2, 2), 2, null);
        assertTrue(data.storesBytes());
        try (Model m = pixelSum()) {
            for (int batch : new int[] {1, 2, 3, 5, 8}) {
                try (Predictor p = new Predictor(m, batch)) {
                    float[] out = p.predict(data);
                    assertEquals(5, out.length, "batch " + batch);
                    for (int i = 0; i < 5; i++) assertEquals((102 * i + 255) / 255.0, out[i], 1e-6, "sample " + i + ", batch " + batch);
                }
            }
        }
    }

    @Test void floatsGiveTheSameRowsAsTheirBytes() {
        byte[] pixels = {10, 20, 30, 40, (byte) 200, 0, 0, 1};
        float[] floats = new float[pixels.length];
        for (int i = 0; i < floats.length; i++) floats[i] = (pixels[i] & 0xFF) / 255f;
        try (Model m = pixelSum(); Predictor p = new Predictor(m, 1)) {
            float[] fromBytes = p.predict(Dataset.ofUnsignedBytes(pixels, new int[2], Shape.of(1, 2, 2), 2, null));
            assertArrayEquals(p.predict(floats, 2), fromBytes);
            assertArrayEquals(p.predict(new Dataset(floats, new int[2], Shape.of(1, 2, 2), 2, null)), fromBytes);
            assertEquals(100 / 255.0, fromBytes[0], 1e-6);
            assertEquals(201 / 255.0, fromBytes[1], 1e-6);
        }
    }

    @Test void refusesDataOfAnotherShapeOrTooFewValues() {
        try (Model m = pixelSum(); Predictor p = new Predictor(m, 2)) {
            IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                    () -> p.predict(Dataset.ofUnsignedBytes(new byte[9], new int[1], Shape.of(1, 3, 3), 2, null)));
            assertTrue(shape.getMessage().contains("(1, 3, 3)") && shape.getMessage().contains("(1, 2, 2)"), shape.getMessage());
            IllegalArgumentException few = assertThrows(IllegalArgumentException.class, () -> p.predict(new float[7], 2));
            assertEquals("2 samples of (1, 2, 2) need 8 values, got 7", few.getMessage());
            assertThrows(IllegalArgumentException.class, () -> p.predict(new float[8], -1));
            assertThrows(IllegalArgumentException.class, () -> new Predictor(m, 0));
        }
    }
}
