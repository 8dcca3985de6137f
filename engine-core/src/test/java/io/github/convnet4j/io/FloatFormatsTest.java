package io.github.convnet4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Half and bfloat16 bit patterns decode to the values IEEE 754 and bfloat16 define. */
class FloatFormatsTest {
    @Test
    void halfPrecision() {
        assertEquals(1.0f, FloatFormats.halfToFloat(0x3C00));
        assertEquals(-2.0f, FloatFormats.halfToFloat(0xC000));
        assertEquals(65504f, FloatFormats.halfToFloat(0x7BFF), "largest finite half");
        assertEquals(0x1p-14f, FloatFormats.halfToFloat(0x0400), "smallest normal");
        assertEquals(0x1p-24f, FloatFormats.halfToFloat(0x0001), "smallest subnormal");
        assertEquals(0x3FFp-24f, FloatFormats.halfToFloat(0x03FF), "largest subnormal");
        assertEquals(-0.0f, FloatFormats.halfToFloat(0x8000));
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(FloatFormats.halfToFloat(0x8000)));
        assertEquals(Float.POSITIVE_INFINITY, FloatFormats.halfToFloat(0x7C00));
        assertEquals(Float.NEGATIVE_INFINITY, FloatFormats.halfToFloat(0xFC00));
        assertTrue(Float.isNaN(FloatFormats.halfToFloat(0x7E00)));
        assertEquals(0.333251953125f, FloatFormats.halfToFloat(0x3555), "1/3 rounded to half");
    }

    @Test
    void bfloat16IsTheUpperHalfOfAFloat() {
        assertEquals(1.0f, FloatFormats.bfloat16ToFloat(0x3F80));
        assertEquals(-3.140625f, FloatFormats.bfloat16ToFloat(0xC049));
        assertEquals(Float.POSITIVE_INFINITY, FloatFormats.bfloat16ToFloat(0x7F80));
        assertEquals(Float.MIN_NORMAL, FloatFormats.bfloat16ToFloat(0x0080));
    }
}
