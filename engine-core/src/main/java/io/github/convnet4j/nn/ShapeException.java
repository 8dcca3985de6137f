package io.github.convnet4j.nn;

/** A model whose shapes do not fit; the message names the layer and the shapes. */
public class ShapeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ShapeException(String message) { super(message); }
}
