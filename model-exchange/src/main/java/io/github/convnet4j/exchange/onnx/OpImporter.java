package io.github.convnet4j.exchange.onnx;

import java.util.List;

/**
 * Turns one ONNX operator into our layers. One implementation per operator (or family), registered
 * in {@link OpImporters}. The node's data input is input 0 and is the value flowing through the
 * chain; weights are constant inputs read with {@link ImportContext#floats}.
 */
public interface OpImporter {
    /** The ONNX operator types (domain {@code ai.onnx}) this importer takes. */
    List<String> ops();

    /**
     * Adds the layers for the current node (or none, for operators that are the identity at inference).
     *
     * @throws IllegalArgumentException from {@link ImportContext#fail}, one line naming the node
     */
    void apply(ImportContext ctx);
}
