package io.github.convnet4j.model;

import io.github.convnet4j.nn.AbstractLayer;
import io.github.convnet4j.nn.CompositeLayer;
import io.github.convnet4j.nn.LayerFactory;
import io.github.convnet4j.nn.MergeLayer;
import io.github.convnet4j.nn.ShapeException;
import io.github.convnet4j.nn.Sublayer;
import io.github.convnet4j.tensor.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A spec's layers as runnable nodes, in run order: composite layers expanded, every node's inputs
 * resolved to node indices ({@link SpecGraph#MODEL_INPUT} for the model input), every shape
 * inferred. Made without allocating anything; a shape that does not fit is a {@link ShapeException}
 * naming the layer and the shapes.
 */
final class GraphNodes {
    private final List<AbstractLayer> layers = new ArrayList<>();
    private final List<int[]> inputs = new ArrayList<>();
    private final List<List<Shape>> inputShapes = new ArrayList<>();
    private final List<Shape> outputShapes = new ArrayList<>();
    private final List<Integer> specIndex = new ArrayList<>();
    private final Map<String, Integer> byName = new HashMap<>();
    private int[] fanOut;
    private int[] lastConsumer;

    private GraphNodes() {}

    static GraphNodes of(ModelSpec spec) {
        GraphNodes g = new GraphNodes();
        SpecGraph wiring = spec.graph();
        int[] nodeOfSpec = new int[spec.layers().size()];
        for (int s : wiring.order()) {
            LayerSpec l = spec.layers().get(s);
            int[] in = wiring.inputs()[s];
            int[] from = new int[in.length];
            for (int k = 0; k < in.length; k++) from[k] = in[k] == SpecGraph.MODEL_INPUT ? SpecGraph.MODEL_INPUT : nodeOfSpec[in[k]];
            AbstractLayer layer = LayerFactory.create(l.type(), l.name(), l.layerConfig());
            layer.setIndex(s);
            if (layer instanceof CompositeLayer c) {
                layer.close();
                int k = from[0];
                Shape x = g.shapeOf(k, spec);
                try {
                    for (Sublayer sub : c.expand(g.nameOf(k), x)) {
                        AbstractLayer node = LayerFactory.create(sub.type(), sub.name(), sub.config());
                        node.setIndex(s);
                        int[] subFrom = new int[sub.inputs().size()];
                        for (int j = 0; j < subFrom.length; j++) {
                            String n = sub.inputs().get(j);
                            subFrom[j] = n.equals(SpecGraph.INPUT_NAME) ? SpecGraph.MODEL_INPUT : g.byName.get(n);
                        }
                        g.add(node, subFrom, s, spec);
                    }
                } catch (ShapeException e) {
                    throw new ShapeException("layer " + l.name() + " (" + l.type() + "): input " + x + " does not fit: " + e.getMessage());
                }
            } else {
                g.add(layer, from, s, spec);
            }
            nodeOfSpec[s] = g.layers.size() - 1;
        }
        g.countConsumers();
        return g;
    }

    private void add(AbstractLayer layer, int[] from, int spec, ModelSpec model) {
        List<Shape> shapes = new ArrayList<>();
        for (int j : from) shapes.add(shapeOf(j, model));
        Shape out = layer instanceof MergeLayer m ? LayerLimits.checkedMergeShape(layer, shapes, () -> m.outputShape(shapes))
                : LayerLimits.checkedOutputShape(layer, shapes.get(0));
        byName.put(layer.name(), layers.size());
        layers.add(layer);
        inputs.add(from);
        inputShapes.add(Collections.unmodifiableList(shapes));
        outputShapes.add(out);
        specIndex.add(spec);
    }

    private Shape shapeOf(int node, ModelSpec spec) { return node == SpecGraph.MODEL_INPUT ? spec.inputShape() : outputShapes.get(node); }

    private String nameOf(int node) { return node == SpecGraph.MODEL_INPUT ? SpecGraph.INPUT_NAME : layers.get(node).name(); }

    private void countConsumers() {
        int n = layers.size();
        fanOut = new int[n];
        lastConsumer = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j : inputs.get(i)) {
                if (j != SpecGraph.MODEL_INPUT) {
                    fanOut[j]++;
                    lastConsumer[j] = i;
                }
            }
        }
    }

    int size() { return layers.size(); }

    List<AbstractLayer> layers() { return Collections.unmodifiableList(layers); }

    int[] inputs(int node) { return inputs.get(node); }

    List<Shape> inputShapes(int node) { return inputShapes.get(node); }

    Shape outputShape(int node) { return outputShapes.get(node); }

    int specIndex(int node) { return specIndex.get(node); }

    /** How many input slots of later nodes read this node's output (2 for {@code Add(x, x)}). */
    int fanOut(int node) { return fanOut[node]; }

    /** The last node, in run order, that reads this node's output. */
    int lastConsumer(int node) { return lastConsumer[node]; }

    /** The node and every node it depends on. */
    boolean[] ancestors(int node) {
        boolean[] mark = new boolean[layers.size()];
        mark[node] = true;
        for (int i = node; i >= 0; i--) {
            if (!mark[i]) continue;
            for (int j : inputs.get(i)) if (j != SpecGraph.MODEL_INPUT) mark[j] = true;
        }
        return mark;
    }
}
