package io.github.convnet4j.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.tensor.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A model's layers, output shapes, parameter counts and connections (Keras's "Connected to": the
 * layers feeding each one, {@code input} for the model input), as a Keras-like table or as JSON.
 * Needs no backend and allocates no weights: counts come from the shapes.
 */
public final class Summary {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Model model;

    Summary(Model model) { this.model = model; }

    /**
     * The table:
     * <pre>
     * Model: "keras-mnist"   input (None, 1, 28, 28)
     * Layer (type)            Output Shape          Param #   Connected to
     * conv2d_1 (Conv2D)       (None, 32, 26, 26)    320       input
     * ...
     * Total params: 93,322 ...
     * </pre>
     */
    public String table() {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < model.layers().size(); i++) {
            Layer l = model.layers().get(i);
            rows.add(new String[] {
                l.name() + " (" + l.type() + ")" + (l.trainable() ? "" : " [frozen]"),
                withNone(model.layerOutputShape(i)),
                String.format(Locale.ROOT, "%,d", model.layerParameterCount(i)),
                String.join(", ", model.layerInputNames(i))});
        }
        // like Keras: a chain (Sequential) has no "Connected to" column, a graph (Functional) has one
        String[] header = {"Layer (type)", "Output Shape", "Param #", model.isChain() ? "" : "Connected to"};
        if (model.isChain()) for (String[] r : rows) r[3] = "";
        int[] w = new int[header.length];
        for (int c = 0; c < header.length; c++) w[c] = header[c].length();
        for (String[] r : rows) for (int c = 0; c < header.length; c++) w[c] = Math.max(w[c], r[c].length());
        int width = w[0] + w[1] + w[2] + 6 + (w[3] > 0 ? w[3] + 2 : 0);
        StringBuilder b = new StringBuilder();
        b.append("Model: \"").append(model.spec().name()).append("\"")
                .append("   input ").append(withNone(model.inputShape())).append('\n');
        b.append("_".repeat(width)).append('\n');
        row(b, header, w);
        b.append("=".repeat(width)).append('\n');
        for (int i = 0; i < rows.size(); i++) {
            row(b, rows.get(i), w);
            b.append((i == rows.size() - 1 ? "=" : "_").repeat(width)).append('\n');
        }
        b.append(String.format(Locale.ROOT, "Total params: %,d%n", model.parameterCount()));
        b.append(String.format(Locale.ROOT, "Trainable params: %,d%n", model.trainableParameterCount()));
        b.append(String.format(Locale.ROOT, "Non-trainable params: %,d%n", model.nonTrainableParameterCount()));
        List<String> classes = model.spec().classNames();
        if (!classes.isEmpty()) b.append("Classes: ").append(String.join(", ", classes)).append('\n');
        b.append("_".repeat(width)).append('\n');
        return b.toString();
    }

    private static void row(StringBuilder b, String[] cells, int[] w) {
        String line = " " + pad(cells[0], w[0]) + "  " + pad(cells[1], w[1]) + "  " + pad(cells[2], w[2]) + "  " + pad(cells[3], w[3]);
        b.append(line.stripTrailing()).append('\n');
    }

    private static String pad(String s, int n) { return s + " ".repeat(n - s.length()); }

    private static String withNone(Shape s) {
        StringBuilder b = new StringBuilder("(None");
        for (int d : s.dims()) b.append(", ").append(d);
        return b.append(')').toString();
    }

    /**
     * {@code {"name", "input_shape": [...], "total_params", "trainable_params", "non_trainable_params",
     * "layers": [{"name", "type", "output_shape": [...], "params", "trainable", "inputs": [...]}], "class_names": [...]}};
     * shapes per sample, class names empty when the model has none.
     */
    public String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", model.spec().name());
        root.put("input_shape", model.inputShape().dims());
        root.put("total_params", model.parameterCount());
        root.put("trainable_params", model.trainableParameterCount());
        root.put("non_trainable_params", model.nonTrainableParameterCount());
        List<Map<String, Object>> layers = new ArrayList<>();
        for (int i = 0; i < model.layers().size(); i++) {
            Layer l = model.layers().get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", l.name());
            m.put("type", l.type());
            m.put("output_shape", model.layerOutputShape(i).dims());
            m.put("params", model.layerParameterCount(i));
            m.put("trainable", l.trainable());
            m.put("inputs", model.layerInputNames(i));
            layers.add(m);
        }
        root.put("layers", layers);
        root.put("class_names", model.spec().classNames());
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write summary: " + e.getOriginalMessage(), e);
        }
    }

    @Override public String toString() { return table(); }
}
