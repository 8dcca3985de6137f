package io.github.convnet4j.exchange.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.convnet4j.tensor.Shape;
import java.nio.FloatBuffer;
import java.util.Map;

/** Runs an ONNX model in ONNX Runtime (CPU) on a batch of images: the independent oracle of the export tests. */
final class OnnxRuntimeRun {
    private OnnxRuntimeRun() {}

    /** Output 0 of the model for {@code images (n, input...)}, flattened row-major. */
    static float[] run(byte[] onnx, float[] images, int n, Shape input) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(onnx, options)) {
                long[] shape = new long[input.rank() + 1];
                shape[0] = n;
                for (int i = 0; i < input.rank(); i++) shape[i + 1] = input.dim(i);
                try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(images, 0, Math.toIntExact(n * input.size())), shape);
                     OrtSession.Result r = session.run(Map.of(session.getInputNames().iterator().next(), x))) {
                    OnnxTensor y = (OnnxTensor) r.get(0);
                    FloatBuffer b = y.getFloatBuffer();
                    float[] out = new float[b.remaining()];
                    b.get(out);
                    return out;
                }
            }
        }
    }
}
