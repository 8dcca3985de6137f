package io.github.convnet4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.backend.ops.LossKind;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link TrainConfig}: its defaults, how blank settings normalise, its limits (each at the edge) and the builder round trip. */
class TrainConfigTest {
    @Test void defaults() {
        TrainConfig c = TrainConfig.builder().build();
        assertEquals(10, c.epochs());
        assertEquals(64, c.batchSize());
        assertEquals("adam", c.optimizer());
        assertNull(c.loss());
        assertEquals(42, c.seed());
        assertNull(c.augmentation());
        assertEquals("constant", c.schedule());
        assertEquals(0.0, c.validationFraction());
        assertNull(c.runDir());
        assertEquals(0, c.checkpointEverySteps());
        assertFalse(c.resume());
        assertTrue(c.extra().isEmpty());
    }

    @Test void blankSettingsNormalise() {
        TrainConfig c = TrainConfig.builder().optimizer(" ").schedule("").augmentation("none").build();
        assertEquals("adam", c.optimizer());
        assertEquals("constant", c.schedule());
        assertNull(c.augmentation());
        assertNull(TrainConfig.builder().augmentation("  ").build().augmentation());
        assertEquals("adam", TrainConfig.builder().optimizer(null).schedule(null).build().optimizer());
        assertEquals("constant", TrainConfig.builder().schedule(null).build().schedule());
        assertEquals("flip", TrainConfig.builder().augmentation("flip").build().augmentation(), "kept as given");
        assertTrue(new TrainConfig(1, 1, "sgd", null, 1, null, "constant", 0, null, 0, false, null, null, null).extra().isEmpty(), "null extra is empty");
    }

    @Test void limitsAreCheckedAtTheirEdges() {
        Map<String, TrainConfig.Builder> bad = new LinkedHashMap<>();
        bad.put("epochs must be >= 1, got 0", TrainConfig.builder().epochs(0));
        bad.put("batch size must be >= 1, got 0", TrainConfig.builder().batchSize(0));
        bad.put("validation fraction must be in [0, 1), got 1.0", TrainConfig.builder().validationFraction(1));
        bad.put("validation fraction must be in [0, 1), got -0.1", TrainConfig.builder().validationFraction(-0.1));
        bad.put("validation fraction must be in [0, 1), got NaN", TrainConfig.builder().validationFraction(Double.NaN));
        bad.put("checkpoint interval must be >= 0 steps, got -1", TrainConfig.builder().checkpointEverySteps(-1));
        bad.put("resume needs a run directory", TrainConfig.builder().resume(true));
        bad.forEach((message, b) -> assertEquals(message, assertThrows(IllegalArgumentException.class, b::build).getMessage()));
        TrainConfig edge = TrainConfig.builder().epochs(1).batchSize(1).validationFraction(0).checkpointEverySteps(0).build();
        assertEquals(1, edge.epochs());
        assertEquals(0.999, TrainConfig.builder().validationFraction(0.999).build().validationFraction());
        assertTrue(TrainConfig.builder().runDir(Path.of("run")).resume(true).build().resume());
    }

    @Test void specsAreParsedWhenBuiltSoATypoFailsEarly() {
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().optimizer("adamw").build());
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().schedule("linear").build());
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().augmentation("blur=1").build());
    }

    @Test void toBuilderKeepsEverySetting() {
        TrainConfig c = TrainConfig.builder().epochs(3).batchSize(5).optimizer("sgd:lr=0.5").loss(LossKind.MEAN_ABSOLUTE_ERROR).seed(-9)
                .augmentation("flip").schedule("step").validationFraction(0.25).runDir(Path.of("r")).checkpointEverySteps(7)
                .resume(true).extra(Map.of("data", "d")).extra("k", "v").build();
        assertEquals(c, c.toBuilder().build());
        assertEquals(List.of("data", "k"), List.copyOf(c.extra().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> c.extra().put("x", "y"));
        TrainConfig.Builder b = c.toBuilder();
        b.extra("later", "1");
        assertFalse(c.extra().containsKey("later"), "the builder's map is its own");
    }
}
