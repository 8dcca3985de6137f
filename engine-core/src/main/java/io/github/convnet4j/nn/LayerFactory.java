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
