package io.github.convnet4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.convnet4j.nn.AbstractLayer;
import io.github.convnet4j.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every node remembers the spec layer it came from: its weights are drawn from that layer's stream
 * and a stochastic layer (Dropout) mixes that index into its seed, so two Dropout layers draw
 * different masks and a ResidualBlock's nodes keep the block's index.
 */
class GraphNodesTest {
    @Test
    void nodesCarryTheIndexOfTheirSpecLayer() {
        ModelSpec spec = ModelSpec.of("m", Shape.of(2, 4, 4), List.of(
                LayerSpec.of("Conv2D", "filters", 2, "kernel_size", 1),
                LayerSpec.of("ResidualBlock", "name", "res", "filters", 2),
                LayerSpec.of("Flatten"),
                LayerSpec.of("Dropout", "rate", 0.5),
                LayerSpec.of("Dropout", "rate", 0.5),
                LayerSpec.of("Dense", "units", 3)));
        GraphNodes nodes = GraphNodes.of(spec);
        int n = nodes.size();
        List<Integer> indices = new ArrayList<>();
        List<Integer> specIndices = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            indices.add(((AbstractLayer) nodes.layers().get(i)).index());
            specIndices.add(nodes.specIndex(i));
        }
        assertEquals(specIndices, indices);
        // the conv first, the block's nodes (all 1) then the four plain layers 2..5 in order
        assertEquals(0, specIndices.get(0));
        for (int i = 1; i < n - 4; i++) assertEquals(1, specIndices.get(i), "node " + i + " of the residual block");
        assertEquals(List.of(2, 3, 4, 5), specIndices.subList(n - 4, n));
    }
}
