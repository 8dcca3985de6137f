package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.exchange.onnx.proto.OnnxProto.TensorProto;
import io.github.convnet4j.io.FloatFormats;
import io.github.convnet4j.tensor.HostTensor;
import io.github.convnet4j.tensor.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Values of ONNX {@code TensorProto}s, checked: dims are bounded, the element count must equal the
 * typed data's count or {@code raw_data}'s length divided by the element size, and external data
 * is refused. Floating types (FLOAT, DOUBLE, FLOAT16, BFLOAT16) become float32.
 */
final class OnnxTensors {
    /** Most elements one tensor may have (1 GiB of float32). */
    static final long MAX_ELEMENTS = 1L << 28;

    private OnnxTensors() {}

    /** Dims as our Shape (a scalar becomes {@code (1)}). */
    static Shape shape(TensorProto t, String what) {
        int[] dims = new int[Math.max(t.getDimsCount(), 1)];
        dims[0] = 1;
        long n = 1;
        for (int i = 0; i < t.getDimsCount(); i++) {
            long d = t.getDims(i);
            if (d < 1 || d > MAX_ELEMENTS) throw new IllegalArgumentException(what + ": dimension " + d + " is out of range");
            n *= d;
            if (n > MAX_ELEMENTS) throw new IllegalArgumentException(what + ": more than " + MAX_ELEMENTS + " elements");
            dims[i] = (int) d;
        }
        return Shape.of(dims);
    }

    /** A floating tensor as float32. */
    static HostTensor floats(TensorProto t, String what) {
        refuseExternal(t, what);
        Shape shape = shape(t, what);
        int n = Math.toIntExact(shape.size());
        float[] out = new float[n];
        int type = t.getDataType();
        switch (type) {
            case TensorProto.DataType.FLOAT_VALUE -> {
                if (t.hasRawData()) raw(t, n, 4, what).asFloatBuffer().get(out);
                else {
                    count(t.getFloatDataCount(), n, what);
                    for (int i = 0; i < n; i++) out[i] = t.getFloatData(i);
                }
            }
            case TensorProto.DataType.DOUBLE_VALUE -> {
                if (t.hasRawData()) {
                    ByteBuffer b = raw(t, n, 8, what);
                    for (int i = 0; i < n; i++) out[i] = (float) b.getDouble();
                } else {
                    count(t.getDoubleDataCount(), n, what);
                    for (int i = 0; i < n; i++) out[i] = (float) t.getDoubleData(i);
                }
            }
            case TensorProto.DataType.FLOAT16_VALUE, TensorProto.DataType.BFLOAT16_VALUE -> {
                boolean half = type == TensorProto.DataType.FLOAT16_VALUE;
                if (t.hasRawData()) {
                    ByteBuffer b = raw(t, n, 2, what);
                    for (int i = 0; i < n; i++) out[i] = bits16(b.getShort() & 0xFFFF, half);
                } else {
                    // ONNX stores 16-bit floats one per int32_data entry.
                    count(t.getInt32DataCount(), n, what);
                    for (int i = 0; i < n; i++) out[i] = bits16(t.getInt32Data(i) & 0xFFFF, half);
                }
            }
            default -> throw new IllegalArgumentException(what + ": element type " + typeName(type) + " is not a floating type");
        }
        return new HostTensor(shape, out);
    }

    /** An integer tensor (INT64 or INT32) as longs, e.g. a Reshape target or Pad amounts. */
    static long[] longs(TensorProto t, String what) {
        refuseExternal(t, what);
        int n = Math.toIntExact(shape(t, what).size());
        if (t.getDimsCount() == 1 && t.getDims(0) == 0) n = 0;
        long[] out = new long[n];
        switch (t.getDataType()) {
            case TensorProto.DataType.INT64_VALUE -> {
                if (t.hasRawData()) raw(t, n, 8, what).asLongBuffer().get(out);
                else {
                    count(t.getInt64DataCount(), n, what);
                    for (int i = 0; i < n; i++) out[i] = t.getInt64Data(i);
                }
            }
            case TensorProto.DataType.INT32_VALUE -> {
                if (t.hasRawData()) {
                    ByteBuffer b = raw(t, n, 4, what);
                    for (int i = 0; i < n; i++) out[i] = b.getInt();
                } else {
                    count(t.getInt32DataCount(), n, what);
                    for (int i = 0; i < n; i++) out[i] = t.getInt32Data(i);
                }
            }
            default -> throw new IllegalArgumentException(what + ": element type " + typeName(t.getDataType()) + " is not an integer type");
        }
        return out;
    }

    private static float bits16(int bits, boolean half) {
        return half ? FloatFormats.halfToFloat(bits) : FloatFormats.bfloat16ToFloat(bits);
    }

    private static void refuseExternal(TensorProto t, String what) {
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0) {
            throw new IllegalArgumentException(what + ": external data is not supported (save the model with its weights inside)");
        }
    }

    private static ByteBuffer raw(TensorProto t, int n, int elementBytes, String what) {
        long expected = (long) n * elementBytes;
        if (t.getRawData().size() != expected) {
            throw new IllegalArgumentException(what + ": raw_data has " + t.getRawData().size() + " bytes but " + n + " elements need " + expected);
        }
        return t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void count(int have, int n, String what) {
        if (have != n) throw new IllegalArgumentException(what + ": holds " + have + " values but its dims need " + n);
    }

    static String typeName(int type) {
        TensorProto.DataType d = TensorProto.DataType.forNumber(type);
        return d == null ? "#" + type : d.name();
    }
}
