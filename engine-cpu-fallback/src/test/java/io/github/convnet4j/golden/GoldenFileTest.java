package io.github.convnet4j.golden;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The golden files load, and a damaged file fails with a message naming file, case and tensor. */
class GoldenFileTest {
    @Test void everyShippedFileLoadsWithCases() {
        for (String op : List.of("conv2d", "pool2d", "batch_norm", "linear", "activation", "loss")) {
            GoldenFile f = GoldenFile.load(op);
            assertFalse(f.cases().isEmpty(), op + " has no cases");
        }
    }

    @Test void sizeMismatchNamesFileCaseAndTensor() throws Exception {
        String json = "{\"cases\":[{\"name\":\"c1\",\"params\":{},\"tensors\":{\"x\":{\"shape\":[2,3],\"data\":[1,2,3]}}}]}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GoldenFile.parse("bad.json", new ObjectMapper().readTree(json)));
        assertTrue(e.getMessage().contains("bad.json case 'c1' tensor 'x'") && e.getMessage().contains("needs 6 values, found 3"), e.getMessage());
    }

    @Test void hugeOrNonPositiveShapesAreRefusedBeforeAllocating() throws Exception {
        String huge = "{\"cases\":[{\"name\":\"c\",\"tensors\":{\"x\":{\"shape\":[65536,65536],\"data\":[]}}}]}";
        String negative = "{\"cases\":[{\"name\":\"c\",\"tensors\":{\"x\":{\"shape\":[2,-1],\"data\":[]}}}]}";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GoldenFile.parse("h.json", new ObjectMapper().readTree(huge)))
                .getMessage().contains("exceeds"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GoldenFile.parse("n.json", new ObjectMapper().readTree(negative)))
                .getMessage().contains("not a positive int"));
    }

    @Test void inputsAreFloat32ValuesAndConvShapesAreConsistent() {
        GoldenFile.Case c = GoldenFile.load("conv2d").cases().get(0);
        for (double v : c.tensor("x").data()) assertEquals((float) v, v, 1e-8 * Math.abs(v), "x holds float32 values");
        assertEquals(c.tensor("x").shape().dim(1), c.tensor("w").shape().dim(1), "channels of x and w");
    }
}
