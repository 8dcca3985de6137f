package io.github.convnet4j.cpu;

/**
 * Pooling of one plane {@code (H, W)} of an {@code (N*C, H, W)} batch, for a geometry the
 * implementation handles (see {@link Pool2x2#applies}). Implementations give the same bits as the
 * general loops of {@link PoolFast}.
 */
interface PlanePooling {
    /** {@code y} plane {@code plane} from the same plane of {@code x}. */
    void forwardPlane(PoolGeometry g, int plane, float[] x, float[] y);

    /** Overwrites every element of {@code dx}'s plane {@code plane}. */
    void backwardPlane(PoolGeometry g, int plane, float[] x, float[] dy, float[] dx);
}
