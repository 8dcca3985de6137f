package io.github.convnet4j.backend.ops;

import io.github.convnet4j.tensor.Shape;

/** What the checked sizes of the convolution family share, for {@link ConvFamilyContract}'s per-pass checks. */
interface ConvFamilyShape {
    /** The output {@code (N, K, ...)}. */
    Shape output();

    /** Output channels: filters, or {@code C*M} for a depthwise convolution. */
    int k();

    /** Whether {@code s} is {@link #output()}; a family checked on every step overrides it to skip making that shape. */
    default boolean isOutput(Shape s) { return s.equals(output()); }
}
