package io.github.convnet4j.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Transfer learning's spec surgery: cutting a model at a layer ({@link ModelSpec#upTo}) and putting a new head on it. */
class TransferSpecTest {
    private static final String BRANCHES = """
            name: branches
            input_shape: [1, 8, 8]
            class_names: [a, b, c]
            layers:
              - {name: stem, type: Conv2D, filters: 4, kernel_size: 3, padding: same}
              - {name: b1, type: Conv2D, filters: 2, kernel_size: 1, inputs: [stem]}
              - {name: b2, type: Conv2D, filters: 2, kernel_size: 3, padding: same, inputs: [stem]}
              - {name: sum, type: Add, inputs: [b1, b2]}
              - {name: flat, type: Flatten}
              - {name: out, type: Dense, units: 3, activation: softmax}
            """;

    private static List<String> names(ModelSpec s) { return s.layers().stream().map(LayerSpec::name).toList(); }

    @Test void cuttingAChainKeepsEverythingBeforeTheLayer() {
        ModelSpec mnist = Presets.get("keras-mnist").withClassNames(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
        ModelSpec base = mnist.upTo("flatten_1");
        assertEquals(List.of("conv2d_1", "max_pooling2d_1", "conv2d_2", "max_pooling2d_2", "conv2d_3", "flatten_1"), names(base));
        assertEquals("flatten_1", base.output());
        assertEquals(List.of(), base.classNames(), "class names belong to the cut-off head");
        assertEquals(List.of("conv2d_3"), base.layers().get(5).inputs(), "each kept layer names what it reads");
        assertEquals(List.of("conv2d_1"), names(mnist.upTo("conv2d_1")));
        assertNull(mnist.upTo("conv2d_1").layers().get(0).inputs(), "the first layer reads the model input");
    }

    @Test void cuttingAGraphKeepsOnlyWhatTheLayerDependsOn() {
        ModelSpec g = ModelSpec.parse(BRANCHES, "g.yaml");
        assertEquals(List.of("stem", "b2"), names(g.upTo("b2")), "b1 is a sibling branch, not a dependency");
        assertEquals(List.of("stem"), g.upTo("b2").layers().get(1).inputs());
        assertEquals(List.of("stem", "b1", "b2", "sum"), names(g.upTo("sum")));
        assertEquals(List.of("stem", "b1", "b2", "sum", "flat"), names(g.upTo("flat")));
        assertEquals(List.of("sum"), g.upTo("flat").layers().get(4).inputs(), "flat read 'the previous layer'; now it says which");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.upTo("head"));
        assertEquals("no layer named 'head' (layers: stem, b1, b2, sum, flat, out)", e.getMessage());
    }

    @Test void aNewHeadReadsTheCutOutputAndBecomesTheOutput() {
        ModelSpec base = ModelSpec.parse(BRANCHES, "g.yaml").upTo("sum");
        ModelSpec tuned = base.withHead(List.of(
                LayerSpec.of("Flatten", "name", "f2"),
                LayerSpec.of("Dense", "name", "new_out", "units", 5, "activation", "softmax")));
        assertEquals(List.of("stem", "b1", "b2", "sum", "f2", "new_out"), names(tuned));
        assertEquals("new_out", tuned.output());
        assertEquals(List.of("sum"), tuned.layers().get(4).inputs());
        assertNull(tuned.layers().get(5).inputs(), "later head layers read the previous one");
        Model m = Model.of(tuned);
        assertEquals(io.github.convnet4j.tensor.Shape.of(5), m.outputShape());
        // A spec without an explicit output grows from its last layer.
        ModelSpec chain = Presets.get("keras-mnist").withHead(List.of(LayerSpec.of("Dense", "name", "extra", "units", 2)));
        assertEquals(List.of("dense_2"), chain.layers().get(chain.layers().size() - 1).inputs());
        assertTrue(Model.of(chain).outputShape().equals(io.github.convnet4j.tensor.Shape.of(2)));
    }
}
