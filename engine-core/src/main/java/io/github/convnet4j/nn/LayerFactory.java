package io.github.convnet4j.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The built-in layer types by Keras name ({@code Conv2D}) and by snake_case alias
 * ({@code conv2d}, {@code max_pooling2d}); names are matched ignoring case.
 */
public final class LayerFactory {
    private record Entry(String type, String prefix, BiFunction<String, LayerConfig, AbstractLayer> ctor) {}

    private static final Map<String, Entry> BY_KEY = new LinkedHashMap<>();
    private static final List<String> TYPES = new ArrayList<>();

    static {
        add("Conv2D", "conv2d", Conv2D::new, "convolution2d");
        add("DepthwiseConv2D", "depthwise_conv2d", DepthwiseConv2D::new);
        add("SeparableConv2D", "separable_conv2d", SeparableConv2D::new, "separable_convolution2d");
        add("Conv2DTranspose", "conv2d_transpose", Conv2DTranspose::new, "convolution2d_transpose", "deconv2d");
        add("UpSampling2D", "up_sampling2d", UpSampling2D::new, "upsampling2d");
        add("Conv1D", "conv1d", Conv1D::new, "convolution1d");
        add("Conv3D", "conv3d", Conv3D::new, "convolution3d");
        add("MaxPooling1D", "max_pooling1d", MaxPooling1D::new, "maxpool1d", "max_pool1d");
        add("AveragePooling1D", "average_pooling1d", AveragePooling1D::new, "avgpool1d", "avg_pool1d");
        add("MaxPooling3D", "max_pooling3d", MaxPooling3D::new, "maxpool3d", "max_pool3d");
        add("AveragePooling3D", "average_pooling3d", AveragePooling3D::new, "avgpool3d", "avg_pool3d");
        add("GlobalAveragePooling1D", "global_average_pooling1d", GlobalAveragePooling1D::new, "global_avg_pool1d");
        add("GlobalMaxPooling1D", "global_max_pooling1d", GlobalMaxPooling1D::new, "global_max_pool1d");
        add("GlobalMaxPooling2D", "global_max_pooling2d", GlobalMaxPooling2D::new, "global_max_pool2d");
        add("GlobalAveragePooling3D", "global_average_pooling3d", GlobalAveragePooling3D::new, "global_avg_pool3d");
        add("GlobalMaxPooling3D", "global_max_pooling3d", GlobalMaxPooling3D::new, "global_max_pool3d");
        add("MaxPooling2D", "max_pooling2d", MaxPooling2D::new, "maxpool2d", "max_pool2d");
        add("AveragePooling2D", "average_pooling2d", AveragePooling2D::new, "avgpool2d", "avg_pool2d");
        add("GlobalAveragePooling2D", "global_average_pooling2d", GlobalAveragePooling2D::new, "global_avg_pool2d");
        add("Dense", "dense", Dense::new);
        add("Flatten", "flatten", Flatten::new);
        add("Dropout", "dropout", Dropout::new);
        add("BatchNormalization", "batch_normalization", BatchNormalization::new, "batchnorm", "batch_norm");
        add("Activation", "activation", ActivationLayer::new);
        add("ReLU", "relu", ReLU::new, "re_lu");
        add("LeakyReLU", "leaky_relu", LeakyReLU::new, "leaky_re_lu");
        add("ELU", "elu", ELU::new);
        add("Softmax", "softmax", Softmax::new);
        add("ResidualBlock", "residual_block", ResidualBlock::new);
        MergeLayers.register(LayerFactory::add);
    }

    private LayerFactory() {}

    /** Adds a type; also handed to {@link MergeLayers#register}. */
    private static void add(String type, String prefix, BiFunction<String, LayerConfig, AbstractLayer> ctor, String... aliases) {
        Entry e = new Entry(type, prefix, ctor);
        if (TYPES.contains(type)) throw new IllegalStateException("layer type " + type + " registered twice");
        TYPES.add(type);
        BY_KEY.put(type.toLowerCase(Locale.ROOT), e);
        BY_KEY.put(prefix, e);
        for (String a : aliases) BY_KEY.put(a, e);
    }

    /** The Keras type names, in documentation order. */
    public static List<String> types() { return List.copyOf(TYPES); }

    /**
     * The canonical Keras name for a type as written in a file.
     *
     * @throws IllegalArgumentException naming the known types (and the nearest one)
     */
    public static String canonicalType(String written) {
        Entry e = BY_KEY.get(written.toLowerCase(Locale.ROOT));
        if (e != null) return e.type();
        String near = LayerConfig.nearest(written, TYPES);
        if (near == null) near = LayerConfig.nearest(written.toLowerCase(Locale.ROOT), BY_KEY.keySet());
        throw new IllegalArgumentException("unknown layer type '" + written + "'"
                + (near != null ? " (did you mean '" + canonicalType(near) + "'?)" : "")
                + "; known types: " + String.join(", ", TYPES));
    }

    /** The prefix of auto-assigned names, e.g. {@code conv2d} for {@code conv2d_1}. */
    public static String namePrefix(String type) { return BY_KEY.get(canonicalType(type).toLowerCase(Locale.ROOT)).prefix(); }

    /**
     * A new layer. Every key of {@code config} must be understood by the type.
     *
     * @throws IllegalArgumentException one line naming the bad key or value
     */
    public static AbstractLayer create(String type, String name, Map<String, ?> config) {
        Entry e = BY_KEY.get(canonicalType(type).toLowerCase(Locale.ROOT));
        LayerConfig c = new LayerConfig(config);
        AbstractLayer layer = e.ctor().apply(name, c);
        c.finish();
        return layer;
    }
}
