package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.PoolParams;

/**
 * Maximum over each channel's whole map: {@code (N, C, H, W) -> (N, C)} (Keras
 * {@code GlobalMaxPooling2D}).
 */
public final class GlobalMaxPooling2D extends GlobalPooling2D {
    public GlobalMaxPooling2D(String name, LayerConfig c) { super("GlobalMaxPooling2D", PoolParams.Mode.MAX, name, c); }
}
