package io.github.convnet4j.model;

import io.github.convnet4j.util.Suggestions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The wiring of a spec's layers: which layer (or the model input) feeds each one, an order in which
 * every layer runs after its inputs, and the output layer. A sequential spec, where no layer names
 * its {@code inputs}, is the chain {@code input -> layer 0 -> layer 1 -> ...} in spec order.
 *
 * <p>Refused, with one line naming the layer: an input name that names no layer, a cycle, a layer
 * whose output feeds nothing and is not the model output, and an output layer that feeds other
 * layers (its softmax may be left out for a fused loss, which its consumers must not see).
 *
 * @param inputs per spec layer, the spec indices of its inputs in order; {@link #MODEL_INPUT} for the model input
 * @param order  spec indices in run order: inputs first, ties broken by spec order (so a sequential
 *               spec runs in spec order)
 * @param output spec index of the output layer
 */
record SpecGraph(int[][] inputs, int[] order, int output) {
    /** The reserved name, and index, of the model's input. */
    static final String INPUT_NAME = "input";
    static final int MODEL_INPUT = -1;

    /**
     * Resolves the wiring.
     *
     * @param layers     layers with names assigned
     * @param outputName the {@code outputs} name, or null for the last layer
     * @throws IllegalArgumentException one line naming the layer and the problem
     */
    static SpecGraph of(List<LayerSpec> layers, String outputName) {
        int n = layers.size();
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < n; i++) byName.put(layers.get(i).name(), i);
        int[][] inputs = new int[n][];
        for (int i = 0; i < n; i++) {
            List<String> names = layers.get(i).inputs();
            if (names == null) {
                inputs[i] = new int[] {i - 1};
                continue;
            }
            inputs[i] = new int[names.size()];
            for (int k = 0; k < names.size(); k++) {
                String s = names.get(k);
                if (s.equals(INPUT_NAME)) {
                    inputs[i][k] = MODEL_INPUT;
                    continue;
                }
                Integer j = byName.get(s);
                if (j == null) {
                    String near = Suggestions.nearest(s, byName.keySet());
                    throw new IllegalArgumentException(where(layers, i) + ": input '" + s + "' names no layer"
                            + (near != null ? " (did you mean '" + near + "'?)" : " ('input' is the model input)"));
                }
                if (j == i) throw new IllegalArgumentException(where(layers, i) + ": a layer cannot take its own output as input");
                inputs[i][k] = j;
            }
        }
        int output = n - 1;
        if (outputName != null) {
            Integer o = byName.get(outputName);
            if (o == null) {
                String near = Suggestions.nearest(outputName, byName.keySet());
                throw new IllegalArgumentException("outputs: '" + outputName + "' names no layer" + (near != null ? " (did you mean '" + near + "'?)" : ""));
            }
            output = o;
        }
        int[] order = order(layers, inputs);
        checkEveryLayerIsUsed(layers, inputs, output);
        return new SpecGraph(inputs, order, output);
    }

    /** Kahn's algorithm, always taking the lowest ready spec index; what is left at the end lies on a cycle. */
    private static int[] order(List<LayerSpec> layers, int[][] inputs) {
        int n = inputs.length;
        boolean[] done = new boolean[n];
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            int next = -1;
            for (int i = 0; i < n && next < 0; i++) if (!done[i] && ready(inputs[i], done)) next = i;
            if (next < 0) throw new IllegalArgumentException(cycle(layers, inputs, done));
            done[next] = true;
            order[k] = next;
        }
        return order;
    }

    private static boolean ready(int[] in, boolean[] done) {
        for (int j : in) if (j != MODEL_INPUT && !done[j]) return false;
        return true;
    }

    /** Walks from an unfinished layer through unfinished inputs until a layer repeats, and names that loop. */
    private static String cycle(List<LayerSpec> layers, int[][] inputs, boolean[] done) {
        int start = 0;
        while (done[start]) start++;
        List<Integer> path = new ArrayList<>();
        int cur = start;
        while (!path.contains(cur)) {
            path.add(cur);
            for (int j : inputs[cur]) if (j != MODEL_INPUT && !done[j]) { cur = j; break; }
        }
        List<Integer> loop = path.subList(path.indexOf(cur), path.size());
        // the walk followed inputs (against the data flow); print the loop in flow order from where it started
        StringBuilder b = new StringBuilder(layers.get(loop.get(0)).name());
        for (int k = loop.size() - 1; k >= 0; k--) b.append(" -> ").append(layers.get(loop.get(k)).name());
        return where(layers, loop.get(0)) + ": its inputs form a cycle: " + b;
    }

    private static void checkEveryLayerIsUsed(List<LayerSpec> layers, int[][] inputs, int output) {
        int n = inputs.length;
        int[] consumers = new int[n];
        for (int[] in : inputs) for (int j : in) if (j != MODEL_INPUT) consumers[j]++;
        if (consumers[output] > 0) {
            throw new IllegalArgumentException(where(layers, output) + ": the output layer feeds other layers; end the model with a layer of its own");
        }
        boolean[] reached = new boolean[n];
        reached[output] = true;
        List<Integer> stack = new ArrayList<>(List.of(output));
        while (!stack.isEmpty()) {
            int i = stack.remove(stack.size() - 1);
            for (int j : inputs[i]) if (j != MODEL_INPUT && !reached[j]) { reached[j] = true; stack.add(j); }
        }
        for (int i = 0; i < n; i++) {
            if (!reached[i]) {
                throw new IllegalArgumentException(where(layers, i) + ": its output reaches no output; name it in another layer's inputs"
                        + " (or in 'outputs')");
            }
        }
    }

    static String where(List<LayerSpec> layers, int i) { return "layer " + i + " (" + layers.get(i).name() + ")"; }
}
