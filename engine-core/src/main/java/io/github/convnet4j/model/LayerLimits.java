package io.github.convnet4j.model;

import io.github.convnet4j.nn.AbstractLayer;
import io.github.convnet4j.nn.ParameterSpec;
import io.github.convnet4j.nn.ShapeException;
import io.github.convnet4j.tensor.Shape;

import java.util.List;
import java.util.function.Supplier;

/**
 * Exact size checks a layer must pass before anything is allocated: its output per sample and each
 * of its parameters must fit one Java array, and no size may overflow on the way. Without them
 * {@code filters: 2147483647} or {@code units: 2000000000} got as far as {@code build} and died
 * with "integer overflow", naming nothing.
 */
final class LayerLimits {
    /** Most elements one Java array (so one tensor) can hold. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private LayerLimits() {}

    /** {@code layer}'s output shape for {@code input}, with its parameters' sizes checked. */
    static Shape checkedOutputShape(AbstractLayer layer, Shape input) {
        String where = "layer " + layer.name() + " (" + layer.type() + "): ";
        Shape out;
        try {
            out = layer.outputShape(input);
            for (ParameterSpec p : layer.parameterSpecs(input)) {
                if (p.shape().size() > MAX_ELEMENTS) {
                    throw new ShapeException(where + "parameter " + p.localName() + " " + p.shape() + " has " + p.shape().size()
                            + " values, more than one tensor can hold (" + MAX_ELEMENTS + ")");
                }
            }
        } catch (ArithmeticException e) {
            throw new ShapeException(where + "sizes for input " + input + " overflow (" + e.getMessage() + ")");
        }
        return checkedSize(where, out);
    }

    /** A merge layer's output shape for {@code inputs} (computed by {@code shape}), checked like a layer's. */
    static Shape checkedMergeShape(AbstractLayer layer, List<Shape> inputs, Supplier<Shape> shape) {
        String where = "layer " + layer.name() + " (" + layer.type() + "): ";
        try {
            return checkedSize(where, shape.get());
        } catch (ArithmeticException e) {
            throw new ShapeException(where + "sizes for inputs " + inputs + " overflow (" + e.getMessage() + ")");
        }
    }

    private static Shape checkedSize(String where, Shape out) {
        if (out.size() > MAX_ELEMENTS) {
            throw new ShapeException(where + "output " + out + " has " + out.size() + " values per sample, more than one tensor can hold ("
                    + MAX_ELEMENTS + ")");
        }
        return out;
    }
}
