package io.github.convnet4j.model;

import io.github.convnet4j.tensor.Shape;

/**
 * Recognizes Keras's channels-last habit, {@code input_shape: [28, 28, 1]}, in a spec whose shapes
 * do not work, so the error can say that the order here is {@code [channels, height, width]}.
 */
final class ChannelsLast {
    private ChannelsLast() {}

    /**
     * A sentence suggesting the reordered shape when {@code input} looks channels-last (three
     * dimensions, the last 1, 3 or 4 and smaller than the first two), else null.
     */
    static String hint(Shape input) {
        if (input.rank() != 3) return null;
        int a = input.dim(0), b = input.dim(1), c = input.dim(2);
        if (!(c == 1 || c == 3 || c == 4) || a <= c || b <= c) return null;
        return "input_shape is [channels, height, width], and [" + a + ", " + b + ", " + c
                + "] looks like Keras's channels-last order: did you mean [" + c + ", " + a + ", " + b + "]?";
    }
}
