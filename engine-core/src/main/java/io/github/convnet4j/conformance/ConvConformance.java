package io.github.convnet4j.conformance;

import io.github.convnet4j.backend.ops.Activation;
import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.tensor.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.github.convnet4j.conformance.Cases.group;
import static io.github.convnet4j.conformance.Cases.test;

/**
 * Convolution forward, backwardData and backwardFilter (with and without bias) over a table of
 * geometries: strides 1 and 2 (also unequal per axis), symmetric padding 0/1/2, asymmetric padding,
 * dilation 1 and 2, kernels 1x1, 2x2, 3x3, 4x3 and 5x5, square and non-square images, C = 1, 3, 16,
 * batch 1 to 4, and strides that leave the last input rows outside every window. Inputs, filters
 * and output gradients are uniform in [-1, 1), so every product has magnitude at most 1. Where the
 * backend under test fuses ReLU into convolutions ({@code fusesActivation}), the fused forms are checked
 * too, against the reference's convolution and activation ops run one after the other. The last
 * geometries are those of real nets: keras-mnist's three convolutions at batch 32, and the
 * downsampling ResNet block of resnet-small's second stage (3x3 stride 2 with Keras 'same'
 * padding, 3x3, and the 1x1 stride-2 shortcut) at batch 2 (the float64 reference is plain loops;
 * the batch size only adds terms to the filter gradient's sums).
 */
final class ConvConformance {
    private ConvConformance() {}

    /** One geometry: input (N, C, H, W), filters (K, C, R, S). */
    record Geometry(int n, int c, int h, int w, int k, int r, int s, ConvParams p) {
        Shape x() { return Shape.of(n, c, h, w); }
        Shape filters() { return Shape.of(k, c, r, s); }
        Shape y() { return Shape.of(n, k, p.outputHeight(h, r), p.outputWidth(w, s)); }

        String name() {
            String pad = p.symmetricPadding() && p.padTop() == p.padLeft() ? "pad " + p.padTop()
                    : "pad t" + p.padTop() + " l" + p.padLeft() + " b" + p.padBottom() + " r" + p.padRight();
            String stride = p.strideH() == p.strideW() ? "stride " + p.strideH() : "stride " + p.strideH() + "x" + p.strideW();
            String dil = p.dilationH() == p.dilationW() ? "dilation " + p.dilationH() : "dilation " + p.dilationH() + "x" + p.dilationW();
            return "x " + x() + " w " + filters() + " " + stride + " " + pad + " " + dil + " -> y " + y();
        }
    }

    static List<Geometry> geometries() {
        return List.of(
                new Geometry(1, 1, 8, 8, 2, 3, 3, ConvParams.of(1, 0, 1)),
                new Geometry(4, 3, 9, 7, 5, 3, 3, ConvParams.of(1, 1, 1)),
                new Geometry(2, 3, 10, 9, 4, 3, 3, ConvParams.of(2, 1, 1)),
                new Geometry(2, 3, 8, 8, 4, 3, 3, ConvParams.of(2, 0, 1)),       // last row/column in no window
                new Geometry(2, 16, 6, 6, 8, 1, 1, ConvParams.of(1, 0, 1)),
                new Geometry(1, 16, 7, 8, 4, 1, 1, ConvParams.of(2, 0, 1)),
                new Geometry(2, 3, 11, 10, 4, 5, 5, ConvParams.of(1, 2, 1)),
                new Geometry(2, 3, 12, 11, 3, 5, 5, ConvParams.of(2, 2, 1)),
                new Geometry(2, 3, 9, 9, 4, 3, 3, ConvParams.of(1, 2, 2)),
                new Geometry(1, 3, 13, 12, 2, 3, 3, ConvParams.of(2, 1, 2)),
                new Geometry(1, 16, 12, 12, 4, 5, 5, ConvParams.of(2, 2, 2)),
                new Geometry(4, 16, 8, 8, 16, 3, 3, ConvParams.of(1, 1, 1)),
                new Geometry(2, 3, 8, 7, 4, 2, 2, new ConvParams(1, 1, 0, 0, 1, 1, 1, 1)),   // Keras 'same', even kernel
                new Geometry(1, 3, 9, 10, 3, 4, 3, new ConvParams(2, 2, 1, 0, 2, 1, 1, 1)),
                new Geometry(2, 1, 7, 12, 3, 3, 3, new ConvParams(1, 2, 1, 2, 0, 1, 1, 2)),
                new Geometry(3, 3, 5, 5, 2, 5, 5, ConvParams.of(1, 0, 1)),                    // kernel = image: 1x1 output
                new Geometry(8, 16, 16, 16, 32, 3, 3, ConvParams.of(1, 1, 1)),               // big enough to be split across threads/blocks
                new Geometry(2, 3, 8, 16, 8, 3, 3, ConvParams.of(1, 1, 1)),                  // C*R*S = 27, rows of 16: CPU row kernel
                new Geometry(32, 1, 28, 28, 32, 3, 3, ConvParams.of(1, 0, 1)),               // keras-mnist conv2d_1
                new Geometry(32, 32, 13, 13, 64, 3, 3, ConvParams.of(1, 0, 1)),              // keras-mnist conv2d_2
                new Geometry(32, 64, 5, 5, 64, 3, 3, ConvParams.of(1, 0, 1)),                // keras-mnist conv2d_3
                new Geometry(2, 64, 32, 32, 128, 3, 3, new ConvParams(2, 2, 0, 0, 1, 1, 1, 1)), // resnet-small block conv1, stride 2 'same'
                new Geometry(2, 128, 16, 16, 128, 3, 3, ConvParams.of(1, 1, 1)),             // resnet-small block conv2
                new Geometry(2, 64, 32, 32, 128, 1, 1, ConvParams.of(2, 0, 1)));             // resnet-small block shortcut
    }

    static Stream<CaseNode> tests(BackendPair pair) {
        boolean fused = pair.test.conv().fusesActivation(Activation.RELU);
        return geometries().stream().map(g -> {
            List<CaseNode> cases = new ArrayList<>(List.of(
                    test(g.name(), "forward with bias", pair, s -> forward(s, g, true)),
                    test(g.name(), "forward without bias", pair, s -> forward(s, g, false)),
                    test(g.name(), "backwardData", pair, s -> backwardData(s, g)),
                    test(g.name(), "backwardFilter with bias", pair, s -> backwardFilter(s, g, true)),
                    test(g.name(), "backwardFilter without bias", pair, s -> backwardFilter(s, g, false))));
            if (fused) {
                cases.add(test(g.name(), "fused relu forward", pair, s -> fusedForward(s, g)));
                cases.add(test(g.name(), "fused relu backwardData", pair, s -> fusedBackwardData(s, g)));
                cases.add(test(g.name(), "fused relu backwardFilter", pair, s -> fusedBackwardFilter(s, g)));
            }
            return group(g.name(), cases.stream());
        });
    }

    private static void fusedForward(Scope s, Geometry g) {
        Data d = new Data(Cases.seed("conv relu " + g.name()));
        Twin x = s.upload(g.x(), d.uniform(g.x()));
        Twin w = s.upload(g.filters(), d.uniform(g.filters()));
        Twin b = s.upload(Shape.of(g.k()), d.uniform(Shape.of(g.k())));
        Twin y = s.garbage(g.y());
        s.pair().test.conv().forward(g.p(), x.test(), w.test(), b.test(), Activation.RELU, y.test());
        s.pair().ref.conv().forward(g.p(), x.ref(), w.ref(), b.ref(), y.ref());
        s.pair().ref.activation().forward(Activation.RELU, y.ref(), y.ref());
        s.check("conv forward with fused relu y", y, Tolerance.f32Sum((long) g.c() * g.r() * g.s() + 1, 1));
    }

    /** A ReLU output for the fused backward passes: uniform values with the negative half set to 0. */
    private static double[] reluOutput(Data d, Shape shape) {
        double[] y = d.uniform(shape);
        for (int i = 0; i < y.length; i++) y[i] = Math.max(y[i], 0);
        return y;
    }

    private static void fusedBackwardData(Scope s, Geometry g) {
        Data d = new Data(Cases.seed("conv relu bd " + g.name()));
        Twin dy = s.upload(g.y(), d.uniform(g.y()));
        Twin y = s.upload(g.y(), reluOutput(d, g.y()));
        Twin w = s.upload(g.filters(), d.uniform(g.filters()));
        Twin dz = s.garbage(g.y());
        Twin dx = s.garbage(g.x());
        s.pair().test.conv().backwardData(g.p(), dy.test(), Activation.RELU, y.test(), w.test(), dx.test());
        s.pair().ref.activation().backward(Activation.RELU, y.ref(), y.ref(), dy.ref(), dz.ref());
        s.pair().ref.conv().backwardData(g.p(), dz.ref(), w.ref(), dx.ref());
        s.check("conv backwardData with fused relu dx", dx, Tolerance.f32Sum((long) g.k() * g.r() * g.s(), 1));
    }

    private static void fusedBackwardFilter(Scope s, Geometry g) {
        Data d = new Data(Cases.seed("conv relu bf " + g.name()));
        Twin x = s.upload(g.x(), d.uniform(g.x()));
        Twin dy = s.upload(g.y(), d.uniform(g.y()));
        Twin y = s.upload(g.y(), reluOutput(d, g.y()));
        Twin dz = s.garbage(g.y());
        Twin dw = s.garbage(g.filters());
        Twin db = s.garbage(Shape.of(g.k()));
        s.pair().test.conv().backwardFilter(g.p(), x.test(), dy.test(), Activation.RELU, y.test(), dw.test(), db.test());
        s.pair().ref.activation().backward(Activation.RELU, y.ref(), y.ref(), dy.ref(), dz.ref());
        s.pair().ref.conv().backwardFilter(g.p(), x.ref(), dz.ref(), dw.ref(), db.ref());
        Tolerance tol = Tolerance.f32Sum(g.y().size() / g.k(), 1);
        s.check("conv backwardFilter with fused relu dw", dw, tol);
        s.check("conv backwardFilter with fused relu dbias", db, tol);
    }

    private static void forward(Scope s, Geometry g, boolean withBias) {
        Data d = new Data(Cases.seed("conv " + g.name()));
        Twin x = s.upload(g.x(), d.uniform(g.x()));
        Twin w = s.upload(g.filters(), d.uniform(g.filters()));
        Twin b = s.upload(Shape.of(g.k()), d.uniform(Shape.of(g.k())));
        Twin y = s.garbage(g.y());
        s.pair().test.conv().forward(g.p(), x.test(), w.test(), withBias ? b.test() : null, y.test());
        s.pair().ref.conv().forward(g.p(), x.ref(), w.ref(), withBias ? b.ref() : null, y.ref());
        s.check("conv forward y", y, Tolerance.f32Sum((long) g.c() * g.r() * g.s() + 1, 1));
    }

    private static void backwardData(Scope s, Geometry g) {
        Data d = new Data(Cases.seed("conv bd " + g.name()));
        Twin dy = s.upload(g.y(), d.uniform(g.y()));
        Twin w = s.upload(g.filters(), d.uniform(g.filters()));
        Twin dx = s.garbage(g.x());
        s.pair().test.conv().backwardData(g.p(), dy.test(), w.test(), dx.test());
        s.pair().ref.conv().backwardData(g.p(), dy.ref(), w.ref(), dx.ref());
        s.check("conv backwardData dx", dx, Tolerance.f32Sum((long) g.k() * g.r() * g.s(), 1));
    }

    private static void backwardFilter(Scope s, Geometry g, boolean withBias) {
        Data d = new Data(Cases.seed("conv bf " + g.name()));
        Twin x = s.upload(g.x(), d.uniform(g.x()));
        Twin dy = s.upload(g.y(), d.uniform(g.y()));
        Twin dw = s.garbage(g.filters());
        Twin db = s.garbage(Shape.of(g.k()));
        s.pair().test.conv().backwardFilter(g.p(), x.test(), dy.test(), dw.test(), withBias ? db.test() : null);
        s.pair().ref.conv().backwardFilter(g.p(), x.ref(), dy.ref(), dw.ref(), withBias ? db.ref() : null);
        long terms = g.y().size() / g.k();   // N * P * Q products per filter tap and per bias
        Tolerance tol = Tolerance.f32Sum(terms, 1);
        s.check("conv backwardFilter dw", dw, tol);
        if (withBias) s.check("conv backwardFilter dbias", db, tol);
    }
}
