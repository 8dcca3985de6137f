package io.github.convnet4j.explain;

import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.backend.ops.PoolParams;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.nn.Conv2D;
import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.nn.ParameterSpec;
import io.github.convnet4j.nn.Pooling2D;
import io.github.convnet4j.tensor.Shape;

/**
 * Where the cells of a layer's spatial output sit over the input: cell {@code j} of a row is
 * centred on input pixel {@code offset + j * stride} (pixel-index coordinates). Composed layer by
 * layer from the convolution and pooling geometry (kernel, stride, padding, dilation); layers that
 * keep the spatial size are taken as centred, and any other layer as spreading its cells evenly.
 * Without this, unpadded convolutions would shift a coarse Grad-CAM map off the object: keras-mnist's
 * last 3×3 map covers input pixels 8..16 of 28, not the whole image.
 *
 * @param offsetY centre of row 0
 * @param strideY input pixels between rows
 * @param offsetX centre of column 0
 * @param strideX input pixels between columns
 */
record ReceptiveFieldGrid(double offsetY, double strideY, double offsetX, double strideX) {
    /** The grid of layer {@code index}'s output over the model's input. */
    static ReceptiveFieldGrid of(Model model, int index) {
        double oy = 0, sy = 1, ox = 0, sx = 1;
        for (int i = 0; i <= index; i++) {
            Layer layer = model.layers().get(i);
            Shape in = model.layerInputShape(i), out = model.layerOutputShape(i);
            if (in.rank() != 3 || out.rank() != 3) break;
            // Per axis: output cell j is centred on input position j * s - pad + (extent - 1) / 2.
            double[] y, x;
            if (layer instanceof Conv2D conv) {
                ConvParams p = conv.convParams(in);
                Shape k = kernel(conv, in);
                y = new double[] {p.strideH(), -p.padTop() + (p.dilationH() * (k.dim(2) - 1)) / 2.0};
                x = new double[] {p.strideW(), -p.padLeft() + (p.dilationW() * (k.dim(3) - 1)) / 2.0};
            } else if (layer instanceof Pooling2D pool) {
                PoolParams p = pool.poolParams(in);
                y = new double[] {p.strideH(), -p.padTop() + (p.windowH() - 1) / 2.0};
                x = new double[] {p.strideW(), -p.padLeft() + (p.windowW() - 1) / 2.0};
            } else {
                y = evenly(in.dim(1), out.dim(1));
                x = evenly(in.dim(2), out.dim(2));
            }
            oy += sy * y[1];
            sy *= y[0];
            ox += sx * x[1];
            sx *= x[0];
        }
        return new ReceptiveFieldGrid(oy, sy, ox, sx);
    }

    private static Shape kernel(Conv2D conv, Shape in) {
        for (ParameterSpec p : conv.parameterSpecs(in)) if (p.localName().equals("kernel")) return p.shape();
        throw new IllegalStateException("layer " + conv.name() + " has no kernel");
    }

    /** {stride, offset} for n cells spread evenly over m positions, centres aligned. */
    private static double[] evenly(int m, int n) {
        double s = (double) m / n;
        return new double[] {s, (s - 1) / 2};
    }

    /**
     * Bilinear interpolation of an {@code (h, w)} map sampled on this grid at every input pixel of
     * {@code (height, width)}; pixels beyond the outer cells take the nearest edge value.
     */
    float[] resize(float[] map, int h, int w, int height, int width) {
        float[] out = new float[height * width];
        for (int y = 0; y < height; y++) {
            double u = Math.max(0, Math.min(h - 1, (y - offsetY) / strideY));
            int y0 = (int) Math.floor(u), y1 = Math.min(y0 + 1, h - 1);
            double fy = u - y0;
            for (int x = 0; x < width; x++) {
                double v = Math.max(0, Math.min(w - 1, (x - offsetX) / strideX));
                int x0 = (int) Math.floor(v), x1 = Math.min(x0 + 1, w - 1);
                double fx = v - x0;
                double top = map[y0 * w + x0] * (1 - fx) + map[y0 * w + x1] * fx;
                double bottom = map[y1 * w + x0] * (1 - fx) + map[y1 * w + x1] * fx;
                out[y * width + x] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
        return out;
    }
}
