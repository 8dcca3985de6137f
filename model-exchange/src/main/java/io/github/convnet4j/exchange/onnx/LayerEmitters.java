package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.nn.LayerFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The registry of {@link LayerEmitter}s by layer type. Adding a layer type to the export is one line here plus its emitter. */
public final class LayerEmitters {
    private static final Map<String, LayerEmitter> BY_TYPE = new LinkedHashMap<>();

    static {
        for (LayerEmitter e : List.of(new Conv2DEmitter(), new Pooling2DEmitter(), new GlobalAveragePooling2DEmitter(),
                new DenseEmitter(), new FlattenEmitter(), new DropoutEmitter(), new BatchNormalizationEmitter(),
                new ActivationLayerEmitter(), new ResidualBlockEmitter())) {
            for (String type : e.types()) BY_TYPE.put(type, e);
        }
    }

    private LayerEmitters() {}

    /** The emitter for a canonical layer type, if the export knows it. */
    public static Optional<LayerEmitter> forType(String type) { return Optional.ofNullable(BY_TYPE.get(type)); }

    /** Layer types the engine has ({@link LayerFactory#types()}) that the export does not cover yet. */
    public static List<String> uncovered() {
        List<String> out = new ArrayList<>();
        for (String t : LayerFactory.types()) if (!BY_TYPE.containsKey(t)) out.add(t);
        return out;
    }
}
