package io.github.convnet4j.nn;

import java.util.function.BiFunction;

/** The graph layers (merges and shape changes), registered with {@link LayerFactory} in one place. */
final class MergeLayers {
    /** How {@link LayerFactory} takes a type: Keras name, name prefix, constructor, aliases. */
    interface Registry {
        void add(String type, String prefix, BiFunction<String, LayerConfig, AbstractLayer> ctor, String... aliases);
    }

    private MergeLayers() {}

    static void register(Registry r) {
        r.add("Add", "add", Add::new);
        r.add("Multiply", "multiply", Multiply::new);
        r.add("Average", "average", Average::new);
        r.add("Maximum", "maximum", Maximum::new);
        r.add("Concatenate", "concatenate", Concatenate::new, "concat");
        r.add("GlobalMaxPooling2D", "global_max_pooling2d", GlobalMaxPooling2D::new, "global_max_pool2d");
        r.add("Reshape", "reshape", Reshape::new);
        r.add("ZeroPadding2D", "zero_padding2d", ZeroPadding2D::new);
    }
}
