package io.github.convnet4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed getters of {@link LayerConfig}: what they accept at the edges and the one-line errors naming the key. */
class LayerConfigTest {
    private static LayerConfig cfg(String key, Object value) { return new LayerConfig(Map.of(key, value)); }

    private static String error(Runnable r) { return assertThrows(IllegalArgumentException.class, r::run).getMessage(); }

    @Test
    void keysAndValuesMustAlternate() {
        assertEquals("keys and values must alternate", error(() -> LayerConfig.of("units", 3, "activation")));
        assertEquals(Map.of("units", 3), LayerConfig.of("units", 3).values());
    }

    @Test
    void integersAcceptLongsWholeDoublesAndTheBounds() {
        assertEquals(7, cfg("k", 7L).requiredInt("k", 1));
        assertEquals(4, cfg("k", 4.0).requiredInt("k", 1));
        // the minimum itself and 2^31 - 1 are allowed; one below and one above are not
        assertEquals(1, cfg("k", 1).requiredInt("k", 1));
        assertEquals(Integer.MAX_VALUE, cfg("k", (long) Integer.MAX_VALUE).requiredInt("k", 1));
        assertEquals("key 'k' must be an integer >= 1, got 0", error(() -> cfg("k", 0).requiredInt("k", 1)));
        assertEquals("key 'k' must be an integer >= 1 and < 2^31, got 2147483648",
                error(() -> cfg("k", 2_147_483_648L).requiredInt("k", 1)));
        assertEquals("key 'k' must be an integer, got 2.5", error(() -> cfg("k", 2.5).requiredInt("k", 1)));
        // doubles as large as 1e15 are not taken as integers (they are not exact past 2^53 anyway)
        assertEquals("key 'k' must be an integer, got 1.0E15", error(() -> cfg("k", 1e15).requiredInt("k", 1)));
        assertEquals("key 'k' must be an integer >= 1 and < 2^31, got 1.0E14", error(() -> cfg("k", 1e14).requiredInt("k", 1)));
        assertEquals("missing required key 'k'", error(() -> new LayerConfig(Map.of()).requiredInt("k", 1)));
    }

    @Test
    void doublesMustBeFinite() {
        assertEquals(0.5, cfg("momentum", 0.5).optionalDouble("momentum", 0.9));
        assertEquals(0.9, new LayerConfig(Map.of()).optionalDouble("momentum", 0.9));
        assertEquals("key 'momentum' must be finite, got NaN", error(() -> cfg("momentum", Double.NaN).optionalDouble("momentum", 0.9)));
        assertEquals("key 'momentum' must be finite, got Infinity",
                error(() -> cfg("momentum", Double.POSITIVE_INFINITY).optionalDouble("momentum", 0.9)));
        assertEquals("key 'momentum' must be a number, got \"x\"", error(() -> cfg("momentum", "x").optionalDouble("momentum", 0.9)));
    }

    @Test
    void pairsAreAnIntegerOrTwoIntegers() {
        assertArrayEquals(new int[] {3, 3}, cfg("kernel_size", 3).requiredPair("kernel_size", 1));
        assertArrayEquals(new int[] {3, 5}, cfg("kernel_size", List.of(3, 5)).requiredPair("kernel_size", 1));
        assertEquals("key 'kernel_size' must be an integer or [height, width], got [3, 5, 7]",
                error(() -> cfg("kernel_size", List.of(3, 5, 7)).requiredPair("kernel_size", 1)));
        assertEquals("key 'kernel_size' must be an integer or [height, width], got [3]",
                error(() -> cfg("kernel_size", List.of(3)).requiredPair("kernel_size", 1)));
        assertEquals(null, new LayerConfig(Map.of()).optionalPair("output_padding", null, 0));
    }

    @Test
    void regularizersTakeL1AndL2AtOrAboveZero() {
        assertEquals(new Regularizer(0, 1e-4), cfg("kernel_regularizer", Map.of("l1", 0, "l2", 1e-4)).optionalRegularizer("kernel_regularizer"));
        assertEquals(new Regularizer(0.5, 0), cfg("kernel_regularizer", Map.of("l1", 0.5)).optionalRegularizer("kernel_regularizer"));
        assertEquals("key 'kernel_regularizer.l2' must be a number >= 0, got -0.1",
                error(() -> cfg("kernel_regularizer", Map.of("l2", -0.1)).optionalRegularizer("kernel_regularizer")));
        assertEquals("key 'kernel_regularizer.l2' must be a number >= 0, got NaN",
                error(() -> cfg("kernel_regularizer", Map.of("l2", Double.NaN)).optionalRegularizer("kernel_regularizer")));
        assertEquals("key 'kernel_regularizer.l2' must be a number >= 0, got Infinity",
                error(() -> cfg("kernel_regularizer", Map.of("l2", Double.POSITIVE_INFINITY)).optionalRegularizer("kernel_regularizer")));
        assertEquals("key 'kernel_regularizer.l2' must be a number >= 0, got big",
                error(() -> cfg("kernel_regularizer", Map.of("l2", "big")).optionalRegularizer("kernel_regularizer")));
        assertEquals("key 'kernel_regularizer': unknown key 'l3' (choose l1, l2)",
                error(() -> cfg("kernel_regularizer", Map.of("l3", 1)).optionalRegularizer("kernel_regularizer")));
    }

    @Test
    void booleansAreTheValueGivenOrTheDefault() {
        assertEquals(true, cfg("b", true).optionalBoolean("b", false));
        assertEquals(false, cfg("b", false).optionalBoolean("b", true));
        assertEquals(false, new LayerConfig(Map.of()).optionalBoolean("b", false));
        assertEquals(true, new LayerConfig(Map.of()).optionalBoolean("b", true));
        assertEquals("key 'b' must be true or false, got \"yes\"", error(() -> cfg("b", "yes").optionalBoolean("b", true)));
    }

    @Test
    void aRequiredPairMustBeGiven() {
        assertArrayEquals(new int[] {3, 3}, cfg("kernel_size", 3).requiredPair("kernel_size", 1));
        assertArrayEquals(new int[] {2, 5}, cfg("kernel_size", List.of(2, 5)).requiredPair("kernel_size", 1));
        assertEquals("missing required key 'kernel_size'", error(() -> new LayerConfig(Map.of()).requiredPair("kernel_size", 1)));
    }
}
