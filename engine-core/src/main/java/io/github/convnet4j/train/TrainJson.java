package io.github.convnet4j.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.convnet4j.backend.ops.LossKind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JSON for what checkpoints and history files hold: the training configuration, the progress and
 * the epoch history. Doubles are written with Java's shortest round-trip form, so reading them back
 * gives the same bits; NaN (no validation) is written as null. Readers reject missing or mistyped fields.
 */
public final class TrainJson {
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

    private TrainJson() {}

    /** The configuration without the run directory and the resume flag (they belong to the invocation). */
    public static String configToJson(TrainConfig c) {
        ObjectNode o = JSON.createObjectNode();
        o.put("epochs", c.epochs());
        o.put("batch_size", c.batchSize());
        o.put("optimizer", c.optimizer());
        o.put("loss", c.loss() == null ? null : c.loss().name().toLowerCase(Locale.ROOT));
        o.put("seed", c.seed());
        o.put("augmentation", c.augmentation());
        o.put("schedule", c.schedule());
        o.put("validation_fraction", c.validationFraction());
        o.put("checkpoint_every_steps", c.checkpointEverySteps());
        o.put("early_stopping", c.earlyStopping());
        o.put("keep_best", c.keepBest());
        ObjectNode extra = o.putObject("extra");
        c.extra().forEach(extra::put);
        return write(o);
    }

    /** Parses {@link #configToJson}; the result has no run directory and resume false. */
    public static TrainConfig configFromJson(String json) {
        JsonNode o = read(json, "train config");
        String loss = optionalText(o, "loss");
        Map<String, String> extra = new LinkedHashMap<>();
        JsonNode e = field(o, "extra", "train config");
        if (!e.isObject()) throw new IllegalArgumentException("train config: extra is not an object");
        for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getValue().isTextual()) throw new IllegalArgumentException("train config: extra." + f.getKey() + " is not a string");
            extra.put(f.getKey(), f.getValue().textValue());
        }
        LossKind kind;
        try {
            kind = loss == null ? null : LossKind.valueOf(loss.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("train config: unknown loss " + loss);
        }
        return TrainConfig.builder()
                .epochs(integer(o, "epochs")).batchSize(integer(o, "batch_size")).optimizer(text(o, "optimizer"))
                .loss(kind).seed(longValue(o, "seed")).augmentation(optionalText(o, "augmentation"))
                .schedule(text(o, "schedule")).validationFraction(number(o, "validation_fraction"))
                .checkpointEverySteps(integer(o, "checkpoint_every_steps")).extra(extra)
                .earlyStopping(absentOrText(o, "early_stopping")).keepBest(absentOrText(o, "keep_best")).build();
    }

    /** The finished epochs as a JSON array of objects. */
    public static String historyToJson(List<EpochResult> history) { return write(historyNode(history)); }

    static ArrayNode historyNode(List<EpochResult> history) {
        ArrayNode a = JSON.createArrayNode();
        for (EpochResult r : history) {
            ObjectNode o = a.addObject();
            o.put("epoch", r.epoch());
            putNumber(o, "loss", r.loss());
            putNumber(o, "accuracy", r.accuracy());
            putNumber(o, "val_loss", r.valLoss());
            putNumber(o, "val_accuracy", r.valAccuracy());
            putNumber(o, "learning_rate", r.learningRate());
            putNumber(o, "seconds", r.seconds());
            putNumber(o, "images_per_second", r.imagesPerSecond());
            putNumber(o, "data_wait_seconds", r.dataWaitSeconds());
        }
        return a;
    }

    /** Parses {@link #historyToJson}. */
    public static List<EpochResult> historyFromJson(String json) {
        JsonNode a = read(json, "history");
        return historyFromNode(a);
    }

    static List<EpochResult> historyFromNode(JsonNode a) {
        if (!a.isArray()) throw new IllegalArgumentException("history is not a JSON array");
        List<EpochResult> out = new ArrayList<>();
        for (JsonNode o : a) {
            int epoch = integer(o, "epoch");
            if (epoch != out.size() + 1) throw new IllegalArgumentException("history entry " + (out.size() + 1) + " says epoch " + epoch);
            out.add(new EpochResult(epoch, nullableNumber(o, "loss"), nullableNumber(o, "accuracy"),
                    nullableNumber(o, "val_loss"), nullableNumber(o, "val_accuracy"), nullableNumber(o, "learning_rate"),
                    nullableNumber(o, "seconds"), nullableNumber(o, "images_per_second"),
                    o.has("data_wait_seconds") ? nullableNumber(o, "data_wait_seconds") : Double.NaN)); // absent in older runs
        }
        return out;
    }

    /** The progress record as JSON. */
    public static String progressToJson(TrainingProgress p) {
        ObjectNode o = JSON.createObjectNode();
        o.put("epoch", p.epoch());
        o.put("batch", p.batch());
        o.put("global_step", p.globalStep());
        o.put("train_samples", p.trainSamples());
        ObjectNode s = o.putObject("schedule_state");
        p.scheduleState().forEach(s::put);
        o.put("loss_sum", Double.toString(p.lossSum()));
        o.put("correct", p.correct());
        o.put("seen", p.seen());
        o.put("epoch_seconds", p.epochSeconds());
        o.set("history", historyNode(p.history()));
        return write(o);
    }

    /** Parses {@link #progressToJson}, checking every field. */
    public static TrainingProgress progressFromJson(String json) {
        JsonNode o = read(json, "training progress");
        JsonNode s = field(o, "schedule_state", "training progress");
        if (!s.isObject()) throw new IllegalArgumentException("training progress: schedule_state is not an object");
        Map<String, String> state = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getValue().isTextual()) throw new IllegalArgumentException("training progress: schedule_state." + f.getKey() + " is not a string");
            state.put(f.getKey(), f.getValue().textValue());
        }
        double lossSum;
        try {
            lossSum = Double.parseDouble(text(o, "loss_sum"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("training progress: loss_sum is not a number");
        }
        return new TrainingProgress(integer(o, "epoch"), integer(o, "batch"), longValue(o, "global_step"), integer(o, "train_samples"),
                state, lossSum, longValue(o, "correct"), longValue(o, "seen"), number(o, "epoch_seconds"),
                historyFromNode(field(o, "history", "training progress")));
    }

    private static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) o.put(key, v); else o.putNull(key);
    }

    private static String write(JsonNode n) {
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static JsonNode read(String json, String what) {
        try {
            JsonNode n = JSON.readTree(json);
            if (n == null) throw new IllegalArgumentException(what + ": empty JSON");
            return n;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + ": malformed JSON: " + e.getOriginalMessage());
        }
    }

    private static JsonNode field(JsonNode o, String key, String what) {
        JsonNode n = o.get(key);
        if (n == null) throw new IllegalArgumentException(what + ": missing field " + key);
        return n;
    }

    private static int integer(JsonNode o, String key) {
        JsonNode n = field(o, key, "JSON");
        if (!n.isIntegralNumber() || !n.canConvertToInt()) throw new IllegalArgumentException("field " + key + " is not an int: " + n);
        return n.intValue();
    }

    private static long longValue(JsonNode o, String key) {
        JsonNode n = field(o, key, "JSON");
        if (!n.isIntegralNumber() || !n.canConvertToLong()) throw new IllegalArgumentException("field " + key + " is not a long: " + n);
        return n.longValue();
    }

    private static double number(JsonNode o, String key) {
        JsonNode n = field(o, key, "JSON");
        if (!n.isNumber()) throw new IllegalArgumentException("field " + key + " is not a number: " + n);
        return n.doubleValue();
    }

    private static double nullableNumber(JsonNode o, String key) {
        JsonNode n = field(o, key, "JSON");
        return n.isNull() ? Double.NaN : number(o, key);
    }

    private static String text(JsonNode o, String key) {
        JsonNode n = field(o, key, "JSON");
        if (!n.isTextual()) throw new IllegalArgumentException("field " + key + " is not a string: " + n);
        return n.textValue();
    }

    /** Like {@link #optionalText}, for keys that checkpoints written before they existed lack. */
    private static String absentOrText(JsonNode o, String key) {
        return o.has(key) ? optionalText(o, key) : null;
    }

    private static String optionalText(JsonNode o, String key) {
        JsonNode n = field(o, key, "JSON");
        return n.isNull() ? null : text(o, key);
    }
}
