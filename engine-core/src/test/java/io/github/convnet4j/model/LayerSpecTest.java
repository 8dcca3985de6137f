package io.github.convnet4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A layer spec is immutable all the way down: specs are shared between a model, its saved file and
 * transfer learning, so a nested list or map changed afterwards must not change the spec.
 *
 * <p>Equivalent mutant left alone: {@code layerConfig}'s shortcut when there is no {@code inputs}
 * key (without it the same entries are copied into a new map).
 */
class LayerSpecTest {
    @Test
    void keysAndValuesMustAlternate() {
        assertEquals("keys and values must alternate",
                assertThrows(IllegalArgumentException.class, () -> LayerSpec.of("Dense", "units")).getMessage());
        assertEquals(Map.of("units", 3), LayerSpec.of("Dense", "units", 3).config());
    }

    @Test
    void nestedListsAndMapsAreCopiedAndFrozen() {
        List<Object> kernel = new ArrayList<>(List.of(3, 3));
        Map<String, Object> reg = new LinkedHashMap<>(Map.of("l2", 0.01));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("kernel_size", kernel);
        config.put("kernel_regularizer", reg);
        LayerSpec spec = new LayerSpec("Conv2D", config);
        kernel.set(0, 5);
        reg.put("l1", 0.5);
        assertEquals(List.of(3, 3), spec.config().get("kernel_size"));
        assertEquals(Map.of("l2", 0.01), spec.config().get("kernel_regularizer"));
        @SuppressWarnings("unchecked") List<Object> k = (List<Object>) spec.config().get("kernel_size");
        @SuppressWarnings("unchecked") Map<String, Object> r = (Map<String, Object>) spec.config().get("kernel_regularizer");
        assertThrows(UnsupportedOperationException.class, () -> k.set(0, 7));
        assertThrows(UnsupportedOperationException.class, () -> r.put("l1", 1.0));
    }
}
