package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.tensor.HostTensor;
import io.github.convnet4j.tensor.Shape;
import java.util.Map;

/**
 * {@code Gemm} {@code y = x B' + C} (PyTorch's {@code nn.Linear}: {@code transB=1}) as {@code Dense}
 * with kernel {@code (units, F)}; {@code transB=0} is transposed on the way in; alpha and beta
 * other than 1 are folded into the weights.
 */
final class GemmImporter implements OpImporter {
    @Override public java.util.List<String> ops() { return java.util.List.of("Gemm"); }

    @Override public void apply(ImportContext ctx) {
        if (ctx.shape().rank() != 1) throw ctx.fail("expects a flat input (F), got " + ctx.shape() + "; flatten before it");
        if (ctx.intAttribute("transA", 0) != 0) throw ctx.fail("transA 1 is not supported");
        HostTensor b = ctx.floats(1);
        if (b.shape().rank() != 2) throw ctx.fail("B must be a matrix, got " + b.shape());
        if (ctx.intAttribute("transB", 0) == 0) b = transpose(b);
        float alpha = (float) ctx.floatAttribute("alpha", 1.0), beta = (float) ctx.floatAttribute("beta", 1.0);
        int units = b.shape().dim(0);
        if (b.shape().dim(1) != ctx.shape().dim(0)) throw ctx.fail("B " + b.shape() + " does not fit an input of " + ctx.shape().dim(0) + " features");
        HostTensor bias = null;
        if (ctx.hasInput(2)) {
            bias = ctx.floats(2);
            if (bias.shape().size() != units) throw ctx.fail("C has shape " + bias.shape() + "; only a bias of " + units + " values is supported");
            bias = new HostTensor(Shape.of(units), scaled(bias.data(), beta));
        }
        String name = ctx.layer("Dense", Map.of("units", units, "use_bias", bias != null));
        ctx.weight(name, "kernel", new HostTensor(b.shape(), scaled(b.data(), alpha)));
        if (bias != null) ctx.weight(name, "bias", bias);
    }

    private static float[] scaled(float[] v, float by) {
        if (by == 1f) return v;
        float[] out = v.clone();
        for (int i = 0; i < out.length; i++) out[i] *= by;
        return out;
    }

    private static HostTensor transpose(HostTensor m) {
        int rows = m.shape().dim(0), cols = m.shape().dim(1);
        float[] t = new float[rows * cols];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) t[c * rows + r] = m.data()[r * cols + c];
        return new HostTensor(Shape.of(cols, rows), t);
    }
}
