package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.PoolParams;

/**
 * Mean over each channel's whole map: {@code (N, C, H, W) -> (N, C)}. Runs as one average-pool
 * window covering the map, so every backend's pooling op serves it; see {@link GlobalPooling}.
 */
public final class GlobalAveragePooling2D extends GlobalPooling {
    public GlobalAveragePooling2D(String name, LayerConfig c) { super("GlobalAveragePooling2D", PoolParams.Mode.AVERAGE, 2, name, c); }
}
