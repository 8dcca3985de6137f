package io.github.convnet4j.train;

import java.util.List;
import java.util.Locale;

/**
 * A run's per-epoch results as {@code history.csv} (header
 * {@code epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds,images_per_second,data_wait_s},
 * empty cells without validation or an unmeasured data wait) and {@code history.json}; {@link RunDirectory} writes them. As in Keras,
 * {@code val_*} is whatever was evaluated after each epoch: the held-out validation split, or the
 * test set when there is none.
 */
public final class History {
    public static final String CSV_FILE = "history.csv";
    public static final String JSON_FILE = "history.json";

    private History() {}

    /** The CSV text. */
    public static String toCsv(List<EpochResult> history) {
        StringBuilder b = new StringBuilder("epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds,images_per_second,data_wait_s\n");
        for (EpochResult r : history) {
            b.append(r.epoch()).append(',').append(cell(r.loss())).append(',').append(cell(r.accuracy())).append(',')
                    .append(cell(r.valLoss())).append(',').append(cell(r.valAccuracy())).append(',').append(cell(r.learningRate()))
                    .append(',').append(String.format(Locale.ROOT, "%.3f", r.seconds())).append(',')
                    .append(String.format(Locale.ROOT, "%.1f", r.imagesPerSecond())).append(',')
                    .append(Double.isNaN(r.dataWaitSeconds()) ? "" : String.format(Locale.ROOT, "%.3f", r.dataWaitSeconds())).append('\n');
        }
        return b.toString();
    }

    private static String cell(double v) { return Double.isNaN(v) ? "" : Double.toString(v); }
}
