package io.github.convnet4j.exchange.onnx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The registry of {@link OpImporter}s by ONNX operator type. */
public final class OpImporters {
    private static final Map<String, OpImporter> BY_OP = new LinkedHashMap<>();

    static {
        for (OpImporter i : List.of(new ConvImporter(), new PoolImporter(), new GemmImporter(), new BatchNormalizationImporter(),
                new ActivationImporter(), new ShapeOpImporter(), new PassThroughImporter())) {
            for (String op : i.ops()) BY_OP.put(op, i);
        }
    }

    private OpImporters() {}

    /** The importer for an operator type, if there is one. */
    public static Optional<OpImporter> forOp(String op) { return Optional.ofNullable(BY_OP.get(op)); }

    /** The operator types that import, in registry order. */
    public static List<String> ops() { return List.copyOf(BY_OP.keySet()); }
}
