package io.github.convnet4j.train;

import io.github.convnet4j.optim.OptionSpec;

/**
 * Keras's {@code EarlyStopping} callback as a setting: stop when {@code monitor} has not improved by
 * more than {@code minDelta} for {@code patience} epochs in a row; with {@code restoreBest}, the
 * model ends with the weights of its best epoch (as Keras 3 does at the end of training, whether it
 * stopped early or not). Written {@code monitor=val_loss,patience=3,min_delta=0,restore_best=true};
 * every key is optional, with Keras's defaults: {@code val_loss}, 0, 0, false.
 *
 * @param monitor     the watched metric
 * @param patience    epochs without improvement after which training stops (0: the first one)
 * @param minDelta    the least change that counts as an improvement (&gt;= 0)
 * @param restoreBest whether the model ends with its best epoch's weights
 */
public record EarlyStopping(Monitor monitor, int patience, double minDelta, boolean restoreBest) {
    public EarlyStopping {
        if (patience < 0) throw new IllegalArgumentException("early stopping: patience must be >= 0, got " + patience);
        if (!(minDelta >= 0 && minDelta < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("early stopping: min_delta must be a finite number >= 0, got " + minDelta);
        }
    }

    /**
     * Parses {@code key=value,...} (see the class comment).
     *
     * @throws IllegalArgumentException one line naming the bad key or value
     */
    static EarlyStopping parse(String text) {
        OptionSpec s = OptionSpec.parse("early stopping", "early_stopping:" + (text == null ? "" : text));
        EarlyStopping e = new EarlyStopping(Monitor.parse(s.string("monitor", "val_loss"), "early stopping"),
                s.integer("patience", 0), s.number("min_delta", 0), s.bool("restore_best", false));
        s.rejectUnknown();
        return e;
    }

    /** The canonical spec, every key written out; {@link #parse} reads it back into an equal value. */
    public String spec() {
        return "monitor=" + monitor.key() + ",patience=" + patience + ",min_delta=" + minDelta + ",restore_best=" + restoreBest;
    }
}
