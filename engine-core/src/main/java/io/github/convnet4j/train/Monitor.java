package io.github.convnet4j.train;

import io.github.convnet4j.util.Suggestions;
import java.util.List;
import java.util.Locale;

/**
 * A metric of {@link EpochResult} that early stopping and keep-best watch, with the direction in
 * which it improves (Keras's {@code mode='auto'}): losses go down, accuracies go up.
 */
public enum Monitor {
    LOSS("loss", false, false),
    ACCURACY("accuracy", true, false),
    VAL_LOSS("val_loss", false, true),
    VAL_ACCURACY("val_accuracy", true, true);

    private final String key;
    private final boolean higherIsBetter;
    private final boolean validation;

    Monitor(String key, boolean higherIsBetter, boolean validation) {
        this.key = key;
        this.higherIsBetter = higherIsBetter;
        this.validation = validation;
    }

    /** The name as history.csv and Keras write it, e.g. {@code val_loss}. */
    public String key() { return key; }

    /** Whether the metric needs validation data. */
    public boolean needsValidation() { return validation; }

    /** The metric's value in an epoch's result (NaN when the epoch was not validated and this is a {@code val_} metric). */
    public double value(EpochResult r) {
        return switch (this) {
            case LOSS -> r.loss();
            case ACCURACY -> r.accuracy();
            case VAL_LOSS -> r.valLoss();
            case VAL_ACCURACY -> r.valAccuracy();
        };
    }

    /**
     * Whether {@code current} improves on {@code best} by more than {@code minDelta} (Keras:
     * {@code current - min_delta > best} for accuracies, {@code current + min_delta < best} for
     * losses). NaN never improves; the first finite value improves on the initial best,
     * {@link #initialBest()}.
     */
    public boolean improves(double current, double best, double minDelta) {
        if (Double.isNaN(current)) return false;
        return higherIsBetter ? current - minDelta > best : current + minDelta < best;
    }

    /** The best value before any epoch: +infinity for losses, -infinity for accuracies. */
    public double initialBest() { return higherIsBetter ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY; }

    /**
     * A monitor by name: {@code loss}, {@code accuracy}, {@code val_loss}, {@code val_accuracy}
     * ({@code acc} and {@code val_acc} too, as older Keras wrote them).
     *
     * @param what the option being parsed, for the message, e.g. {@code --keep-best}
     * @throws IllegalArgumentException one line with "did you mean" when a name is close
     */
    public static Monitor parse(String name, String what) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        if (n.equals("acc")) n = "accuracy";
        if (n.equals("val_acc")) n = "val_accuracy";
        for (Monitor m : values()) if (m.key.equals(n)) return m;
        List<String> keys = List.of("loss", "accuracy", "val_loss", "val_accuracy");
        String near = Suggestions.nearest(n, keys);
        throw new IllegalArgumentException(what + ": unknown monitor '" + name + "'"
                + (near != null ? " (did you mean '" + near + "'?)" : " (choose " + String.join(", ", keys) + ")"));
    }
}
