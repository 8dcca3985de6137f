package io.github.convnet4j.conformance;

import static io.github.convnet4j.conformance.LayerGradientCheckCase.of;

import io.github.convnet4j.backend.ops.LossKind;
import io.github.convnet4j.model.LayerSpec;
import io.github.convnet4j.tensor.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The gradient-check cases: every layer type, every activation, the convolution geometries
 * (stride, same/explicit/asymmetric padding, dilation, 1×1), batch norm in each mode, dropout with
 * a fixed seed, the residual block with and without projection, every loss, and whole models with
 * logits and frozen layers. Shapes are small so the numeric side stays fast.
 */
public final class LayerGradientCheckCases {
    private LayerGradientCheckCases() {}

    private static LayerSpec l(String type, Object... kv) { return LayerSpec.of(type, kv); }

    /** Graph models: branches summed, an output feeding several nodes, the input feeding several nodes, a frozen branch. */
    private static List<LayerGradientCheckCase> graphs() {
        List<LayerGradientCheckCase> c = new ArrayList<>();
        c.add(of("graph two convolution branches added", Shape.of(2, 5, 5),
                l("Conv2D", "name", "a", "filters", 3, "kernel_size", 3, "padding", "same", "inputs", List.of("input")),
                l("Conv2D", "name", "b", "filters", 3, "kernel_size", 1, "inputs", List.of("input")),
                l("Add", "inputs", List.of("a", "b"))));
        c.add(of("graph one output read by three nodes", Shape.of(5),
                l("Dense", "name", "d", "units", 4, "activation", "tanh"),
                l("Dense", "name", "e", "units", 4, "activation", "elu"),
                l("Add", "name", "s", "inputs", List.of("d", "e", "d")),
                l("Dense", "units", 3, "inputs", List.of("s"))).batch(3));
        c.add(of("graph frozen branch still passes its gradient", Shape.of(6),
                l("Dense", "name", "f", "units", 6, "activation", "tanh", "trainable", false, "inputs", List.of("input")),
                l("Dense", "name", "g", "units", 6, "inputs", List.of("f")),
                l("Add", "inputs", List.of("g", "f", "input"))).batch(3));
        c.add(of("graph Concatenate of branches with different channels", Shape.of(2, 4, 4),
                l("Conv2D", "name", "a", "filters", 3, "kernel_size", 1, "inputs", List.of("input")),
                l("Conv2D", "name", "b", "filters", 2, "kernel_size", 3, "padding", "same", "inputs", List.of("input")),
                l("Concatenate", "inputs", List.of("a", "input", "b"))));
        c.add(of("graph Concatenate of vectors", Shape.of(5),
                l("Dense", "name", "a", "units", 3), l("Dense", "name", "b", "units", 2, "inputs", List.of("input")),
                l("Concatenate", "inputs", List.of("a", "b"))).batch(3));
        c.add(of("graph squeeze-and-excitation, Multiply by a (C, 1, 1) gate", Shape.of(4, 3, 3),
                l("GlobalAveragePooling2D", "name", "squeeze"),
                l("Dense", "units", 2, "activation", "relu"),
                l("Dense", "units", 4, "activation", "sigmoid"),
                l("Reshape", "name", "gate", "target_shape", List.of(4, 1, 1)),
                l("Multiply", "inputs", List.of("input", "gate"))).withInputsAwayFromZero());
        c.add(of("graph Multiply by a (C) gate first", Shape.of(3, 2, 3),
                l("GlobalMaxPooling2D", "name", "g"),
                l("Multiply", "inputs", List.of("g", "input"))));
        c.add(of("graph Multiply of equal shapes", Shape.of(6),
                l("Dense", "name", "a", "units", 6, "activation", "tanh"),
                l("Multiply", "inputs", List.of("a", "input"))).batch(3));
        c.add(of("graph Average of three", Shape.of(2, 3, 3),
                l("Conv2D", "name", "a", "filters", 2, "kernel_size", 1),
                l("Activation", "name", "b", "activation", "tanh", "inputs", List.of("input")),
                l("Average", "inputs", List.of("a", "b", "input"))));
        c.add(of("graph Maximum of two", Shape.of(2, 3, 3),
                l("Conv2D", "name", "a", "filters", 2, "kernel_size", 1),
                l("Maximum", "inputs", List.of("a", "input"))));
        // gradients that alias (Add and Average hand one buffer to several inputs), then receive more and are summed
        c.add(of("graph residual blocks, a gate, a concatenation, a sum and an average", Shape.of(2, 4, 4),
                l("ResidualBlock", "name", "block1", "filters", 2),
                l("ResidualBlock", "name", "block2", "filters", 3, "strides", 2),
                l("Conv2D", "name", "ca", "filters", 3, "kernel_size", 1, "activation", "tanh"),
                l("Multiply", "name", "a", "inputs", List.of("ca", "block2")),
                l("Conv2D", "name", "b", "filters", 3, "kernel_size", 3, "padding", "same", "inputs", List.of("block2")),
                l("Concatenate", "name", "cat", "inputs", List.of("a", "b")),
                l("Conv2D", "name", "c", "filters", 3, "kernel_size", 1),
                l("Add", "name", "sum", "inputs", List.of("c", "b", "block2")),
                l("Average", "inputs", List.of("sum", "block2"))).withInputsAwayFromZero());
        c.add(of("GlobalMaxPooling2D", Shape.of(3, 4, 5), l("GlobalMaxPooling2D")));
        c.add(of("ZeroPadding2D uneven then Conv2D", Shape.of(2, 3, 4),
                l("ZeroPadding2D", "padding", List.of(List.of(1, 0), List.of(2, 1))),
                l("Conv2D", "filters", 2, "kernel_size", 3)));
        c.add(of("Reshape (2, 3, 4) to (6, 4, 1)", Shape.of(2, 3, 4), l("Reshape", "target_shape", List.of(6, 4, 1)),
                l("Conv2D", "filters", 2, "kernel_size", List.of(3, 1))));
        return c;
    }

    public static List<LayerGradientCheckCase> all() {
        List<LayerGradientCheckCase> c = new ArrayList<>();
        Shape img = Shape.of(3, 6, 6);

        c.add(of("Conv2D 3x3 valid", img, l("Conv2D", "filters", 4, "kernel_size", 3)));
        c.add(of("Conv2D 3x3 no bias", img, l("Conv2D", "filters", 4, "kernel_size", 3, "use_bias", false)));
        c.add(of("Conv2D stride 2 same even kernel", Shape.of(2, 7, 7),
                l("Conv2D", "filters", 3, "kernel_size", 2, "strides", 2, "padding", "same")));
        c.add(of("Conv2D 3x3 same", img, l("Conv2D", "filters", 2, "kernel_size", 3, "padding", "same")));
        c.add(of("Conv2D asymmetric padding and strides", Shape.of(2, 6, 7),
                l("Conv2D", "filters", 3, "kernel_size", List.of(3, 2), "strides", List.of(1, 2), "padding", List.of(0, 1, 2, 1))));
        c.add(of("Conv2D dilation 2", Shape.of(2, 7, 7), l("Conv2D", "filters", 3, "kernel_size", 3, "dilation_rate", 2)));
        c.add(of("Conv2D 1x1", Shape.of(5, 4, 4), l("Conv2D", "filters", 3, "kernel_size", 1)));
        c.add(of("Conv2D relu fused", img, l("Conv2D", "filters", 4, "kernel_size", 3, "activation", "relu")));
        c.add(of("Conv2D tanh fused stride 2 pad 1", img, l("Conv2D", "filters", 4, "kernel_size", 3, "strides", 2, "padding", 1,
                "activation", "tanh")));

        c.add(of("DepthwiseConv2D 3x3 valid", img, l("DepthwiseConv2D", "kernel_size", 3)));
        c.add(of("DepthwiseConv2D multiplier 2 stride 2 same no bias", Shape.of(2, 7, 7),
                l("DepthwiseConv2D", "kernel_size", 3, "depth_multiplier", 2, "strides", 2, "padding", "same", "use_bias", false)));
        c.add(of("DepthwiseConv2D dilation 2 relu", Shape.of(2, 7, 7),
                l("DepthwiseConv2D", "kernel_size", 3, "dilation_rate", 2, "activation", "relu")));
        c.add(of("SeparableConv2D 3x3 same", img, l("SeparableConv2D", "filters", 4, "kernel_size", 3, "padding", "same")));
        c.add(of("SeparableConv2D multiplier 2 stride 2 tanh", Shape.of(2, 7, 7),
                l("SeparableConv2D", "filters", 3, "kernel_size", 2, "strides", 2, "depth_multiplier", 2, "activation", "tanh")));

        c.add(of("Conv2DTranspose 3x3 stride 2 valid", Shape.of(2, 4, 4), l("Conv2DTranspose", "filters", 3, "kernel_size", 3, "strides", 2)));
        c.add(of("Conv2DTranspose 3x3 stride 2 same output_padding 1 relu", Shape.of(3, 3, 4),
                l("Conv2DTranspose", "filters", 2, "kernel_size", 3, "strides", 2, "padding", "same", "output_padding", 1, "activation", "relu")));
        c.add(of("Conv2DTranspose 2x2 stride 2 same no bias", Shape.of(2, 3, 3),
                l("Conv2DTranspose", "filters", 3, "kernel_size", 2, "strides", 2, "padding", "same", "use_bias", false)));
        c.add(of("Conv2DTranspose 1x1 stride 3 valid dilation 2 kernel 2", Shape.of(2, 3, 3),
                l("Conv2DTranspose", "filters", 2, "kernel_size", 2, "strides", 3, "dilation_rate", 2)));
        c.add(of("UpSampling2D 2", Shape.of(2, 3, 3), l("UpSampling2D")));
        c.add(of("UpSampling2D 3x2 then Conv2D", Shape.of(2, 2, 3), l("UpSampling2D", "size", List.of(3, 2)),
                l("Conv2D", "filters", 2, "kernel_size", 3)));

        c.add(of("Conv1D kernel 3 valid", Shape.of(3, 9), l("Conv1D", "filters", 4, "kernel_size", 3)));
        c.add(of("Conv1D stride 2 same dilation 2 tanh", Shape.of(2, 10), l("Conv1D", "filters", 3, "kernel_size", 3, "strides", 2,
                "padding", "same", "dilation_rate", 2, "activation", "tanh")));
        c.add(of("Conv1D causal no bias", Shape.of(2, 7), l("Conv1D", "filters", 2, "kernel_size", 3, "padding", "causal", "use_bias", false)));
        c.add(of("Conv3D 3x3x3 valid", Shape.of(2, 4, 5, 4), l("Conv3D", "filters", 3, "kernel_size", 3)));
        c.add(of("Conv3D 2x3x2 stride 2 same relu", Shape.of(2, 5, 5, 4), l("Conv3D", "filters", 2, "kernel_size", List.of(2, 3, 2),
                "strides", 2, "padding", "same", "activation", "relu")));
        c.add(of("Conv3D dilation 2 pad 1 no bias", Shape.of(1, 5, 5, 5), l("Conv3D", "filters", 2, "kernel_size", 2, "dilation_rate", 2,
                "padding", 1, "use_bias", false)));
        c.add(of("MaxPooling1D 2", Shape.of(2, 8), l("MaxPooling1D")));
        c.add(of("AveragePooling1D 3 stride 2 same", Shape.of(2, 9), l("AveragePooling1D", "pool_size", 3, "strides", 2, "padding", "same")));
        c.add(of("MaxPooling3D 2", Shape.of(2, 4, 4, 4), l("MaxPooling3D")));
        c.add(of("MaxPooling3D 3x2x2 stride 2 same", Shape.of(2, 5, 4, 5), l("MaxPooling3D", "pool_size", List.of(3, 2, 2), "strides", 2,
                "padding", "same")));
        c.add(of("AveragePooling3D 2 stride 1", Shape.of(2, 3, 4, 3), l("AveragePooling3D", "strides", 1)));
        c.add(of("AveragePooling3D 3 stride 2 same", Shape.of(2, 5, 5, 4), l("AveragePooling3D", "pool_size", 3, "strides", 2, "padding", "same")));
        c.add(of("GlobalAveragePooling1D", Shape.of(3, 7), l("GlobalAveragePooling1D")));
        c.add(of("GlobalMaxPooling1D", Shape.of(3, 7), l("GlobalMaxPooling1D")));
        c.add(of("GlobalMaxPooling2D", Shape.of(3, 4, 5), l("GlobalMaxPooling2D")));
        c.add(of("GlobalAveragePooling3D", Shape.of(2, 3, 4, 3), l("GlobalAveragePooling3D")));
        c.add(of("GlobalMaxPooling3D", Shape.of(2, 3, 4, 3), l("GlobalMaxPooling3D")));

        c.add(of("Dense", Shape.of(7), l("Dense", "units", 5)).batch(3));
        c.add(of("Dense no bias", Shape.of(7), l("Dense", "units", 5, "use_bias", false)).batch(3));
        c.add(of("Dense sigmoid fused", Shape.of(7), l("Dense", "units", 5, "activation", "sigmoid")).batch(3));
        c.add(of("Dense softmax fused", Shape.of(7), l("Dense", "units", 5, "activation", "softmax")).batch(3));

        c.add(of("MaxPooling2D 2", Shape.of(2, 6, 6), l("MaxPooling2D", "pool_size", 2)));
        c.add(of("MaxPooling2D 3 stride 2 same", Shape.of(2, 7, 6), l("MaxPooling2D", "pool_size", 3, "strides", 2, "padding", "same")));
        c.add(of("MaxPooling2D overlapping 3 stride 1", Shape.of(2, 5, 5), l("MaxPooling2D", "pool_size", 3, "strides", 1)));
        c.add(of("AveragePooling2D 2", Shape.of(2, 6, 6), l("AveragePooling2D", "pool_size", 2)));
        c.add(of("AveragePooling2D 3 stride 2 same", Shape.of(2, 7, 6), l("AveragePooling2D", "pool_size", 3, "strides", 2, "padding", "same")));
        c.add(of("GlobalAveragePooling2D", Shape.of(3, 4, 5), l("GlobalAveragePooling2D")));
        c.add(of("Flatten then Dense", Shape.of(2, 3, 3), l("Flatten"), l("Dense", "units", 4)));

        c.add(of("Dropout training", Shape.of(4, 3, 3), l("Dropout", "rate", 0.3)));
        c.add(of("Dropout inference", Shape.of(10), l("Dropout", "rate", 0.3)).inference());

        c.add(of("BatchNormalization training image", Shape.of(3, 3, 3), l("BatchNormalization")).batch(3));
        c.add(of("BatchNormalization training flat", Shape.of(5), l("BatchNormalization", "momentum", 0.9)).batch(4));
        c.add(of("BatchNormalization inference", Shape.of(3, 3, 3), l("BatchNormalization")).inference());
        c.add(of("BatchNormalization no center no scale", Shape.of(3, 2, 2), l("BatchNormalization", "center", false, "scale", false)).batch(3));
        c.add(of("BatchNormalization frozen runs on moving statistics", Shape.of(3, 2, 2),
                l("Conv2D", "filters", 3, "kernel_size", 1), l("BatchNormalization", "trainable", false)).batch(3));

        for (String a : List.of("linear", "relu", "leaky_relu", "elu", "sigmoid", "tanh", "swish", "softmax")) {
            c.add(of("Activation " + a, Shape.of(2, 3, 3), l("Activation", "activation", a)).withInputsAwayFromZero());
        }
        c.add(of("ReLU", Shape.of(2, 3, 3), l("ReLU")).withInputsAwayFromZero());
        c.add(of("LeakyReLU alpha 0.2", Shape.of(2, 3, 3), l("LeakyReLU", "alpha", 0.2)).withInputsAwayFromZero());
        c.add(of("ELU alpha 0.5", Shape.of(2, 3, 3), l("ELU", "alpha", 0.5)).withInputsAwayFromZero());
        c.add(of("Softmax", Shape.of(6), l("Softmax")).batch(3));

        c.add(of("ResidualBlock identity shortcut", Shape.of(3, 4, 4), l("ResidualBlock", "filters", 3)));
        c.add(of("ResidualBlock projection stride 2", Shape.of(2, 5, 5), l("ResidualBlock", "filters", 3, "strides", 2)));
        c.add(of("ResidualBlock inference", Shape.of(3, 4, 4), l("ResidualBlock", "filters", 3)).inference());

        c.add(of("loss softmax cross-entropy on Dense logits", Shape.of(6), l("Dense", "units", 4, "activation", "softmax"))
                .batch(3).loss(LossKind.SOFTMAX_CROSS_ENTROPY));
        c.add(of("loss sigmoid binary cross-entropy on Dense logits", Shape.of(6), l("Dense", "units", 3, "activation", "sigmoid"))
                .batch(3).loss(LossKind.SIGMOID_BINARY_CROSS_ENTROPY));
        c.add(of("loss mean squared error", Shape.of(6), l("Dense", "units", 3, "activation", "tanh")).batch(3)
                .loss(LossKind.MEAN_SQUARED_ERROR));
        c.add(of("loss mean absolute error", Shape.of(6), l("Dense", "units", 3)).batch(3).loss(LossKind.MEAN_ABSOLUTE_ERROR));
        c.add(of("loss cross-entropy through a trailing Softmax layer", Shape.of(5), l("Dense", "units", 4), l("Softmax"))
                .batch(3).loss(LossKind.SOFTMAX_CROSS_ENTROPY));

        c.addAll(graphs());

        c.add(of("model convnet with dropout and batch norm", Shape.of(1, 8, 8),
                l("Conv2D", "filters", 3, "kernel_size", 3, "activation", "relu"),
                l("BatchNormalization"),
                l("MaxPooling2D", "pool_size", 2),
                l("Flatten"),
                l("Dropout", "rate", 0.25),
                l("Dense", "units", 4, "activation", "softmax")).batch(3).loss(LossKind.SOFTMAX_CROSS_ENTROPY));
        c.add(of("model with a frozen first layer", Shape.of(5),
                l("Dense", "units", 4, "activation", "tanh", "trainable", false),
                l("Dense", "units", 3, "activation", "elu")).batch(3));
        return c;
    }
}
