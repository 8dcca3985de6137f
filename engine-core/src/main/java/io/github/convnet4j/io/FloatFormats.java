package io.github.convnet4j.io;

/**
 * Conversions of the narrow and wide floating formats other frameworks store weights in
 * (IEEE half, bfloat16, float64) to float32. Exact for half and bfloat16 (every value is a float32);
 * float64 rounds to nearest.
 */
public final class FloatFormats {
    private FloatFormats() {}

    /** IEEE 754 binary16 bits (low 16 bits of {@code bits}) as a float; subnormals, infinities and NaN kept. */
    public static float halfToFloat(int bits) {
        int sign = (bits & 0x8000) << 16, exponent = (bits >>> 10) & 0x1F, mantissa = bits & 0x3FF;
        if (exponent == 0x1F) return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13)); // infinity, NaN
        if (exponent != 0) return Float.intBitsToFloat(sign | ((exponent + 127 - 15) << 23) | (mantissa << 13));
        // Zero or subnormal: mantissa * 2^-24, exact in float32.
        float magnitude = mantissa * 0x1p-24f;
        return sign != 0 ? -magnitude : magnitude;
    }

    /** bfloat16 bits (low 16 bits): the upper half of a float32. */
    public static float bfloat16ToFloat(int bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }
}
