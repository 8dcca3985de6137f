package io.github.convnet4j.cli;

import io.github.convnet4j.train.EpochResult;
import io.github.convnet4j.train.TrainingListener;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Keras-like progress: {@code Epoch 3/5} then a bar with loss, accuracy, images/s and ETA. On a
 * terminal the bar is redrawn in place a few times a second; otherwise plain lines are printed at
 * each quarter of an epoch and at its end, so logs stay readable. As in Keras and in
 * {@code history.csv}, {@code val_loss}/{@code val_accuracy} are whatever was evaluated after the
 * epoch (the validation split, or the test set without one); the train command says which at the start.
 */
final class ProgressPrinter implements TrainingListener {
    private static final int BAR = 30;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean live;
    private long epochStartNanos;
    private long lastDrawNanos;
    private int nextQuarter;

    /** Progress goes to {@code out}, warnings (one line each, prefixed {@code convnet: warning:}) to {@code err}. */
    ProgressPrinter(PrintStream out, PrintStream err, boolean live) {
        this.out = out;
        this.err = err;
        this.live = live;
    }

    @Override
    public void onResume(int epoch, int batch, long globalStep) {
        out.printf("resuming at epoch %d after batch %d (step %d)%n", epoch, batch, globalStep);
    }

    @Override
    public void onEpochStart(int epoch, int epochs, int batches) {
        out.printf("Epoch %d/%d%n", epoch, epochs);
        epochStartNanos = System.nanoTime();
        lastDrawNanos = 0;
        nextQuarter = 1;
    }

    @Override
    public void onBatchEnd(int epoch, int batch, int batches, double loss, double accuracy, double imagesPerSecond) {
        onBatchEnd(epoch, batch, batches, loss, accuracy, imagesPerSecond, Double.NaN);
    }

    @Override
    public void onBatchEnd(int epoch, int batch, int batches, double loss, double accuracy, double imagesPerSecond, double dataWait) {
        int done = batch; // the trainer counts finished batches from 1
        long now = System.nanoTime();
        if (live) {
            if (done < batches && now - lastDrawNanos < 200_000_000L) return;
            lastDrawNanos = now;
            out.print("\r" + bar(done, batches, now, loss, accuracy, imagesPerSecond, dataWait) + "   ");
            out.flush();
        } else if (done < batches && done * 4 >= nextQuarter * batches) {
            nextQuarter++;
            out.println(bar(done, batches, now, loss, accuracy, imagesPerSecond, dataWait));
        }
    }

    @Override
    public void onEpochEnd(EpochResult r) {
        StringBuilder line = new StringBuilder();
        line.append(String.format("%.0fs - loss: %.4f - accuracy: %.4f", r.seconds(), r.loss(), r.accuracy()));
        if (r.validated()) {
            line.append(String.format(" - val_loss: %.4f - val_accuracy: %.4f", r.valLoss(), r.valAccuracy()));
        }
        line.append(String.format(" - lr: %.3g - %.0f img/s", r.learningRate(), r.imagesPerSecond()));
        if (!Double.isNaN(r.dataWaitSeconds())) line.append(String.format(" - data wait: %.1fs", r.dataWaitSeconds()));
        if (live) out.print("\r" + " ".repeat(BAR + 80) + "\r");
        out.println(line);
    }

    @Override
    public void onBestModelSaved(Path file, int epoch, String monitor, double value) {
        out.printf("best %s so far: %.4f at epoch %d, saved %s%n", monitor, value, epoch, file);
    }

    @Override
    public void onEarlyStop(int epoch, String monitor, int bestEpoch, double best) {
        out.printf("early stopping after epoch %d: %s has not improved since epoch %d (%.4f)%n", epoch, monitor, bestEpoch, best);
    }

    @Override
    public void onBestWeightsRestored(int bestEpoch, boolean restored) {
        out.println(restored ? "restored the weights of epoch " + bestEpoch + " (the best)"
                : "cannot restore the weights of epoch " + bestEpoch + ": it ended before the resume; keeping the last weights");
    }

    @Override
    public void onWarning(String message) {
        err.println("convnet: warning: " + message);
    }

    @Override
    public void onCheckpoint(Path file, int epoch, int batch, long globalStep) {
        // Checkpoints are routine; the run directory is printed once at the start.
    }

    /** {@code dataWait}: the share of the epoch so far spent getting batches, shown as "wait 3%" (NaN: not shown). */
    private String bar(int done, int batches, long now, double loss, double accuracy, double imagesPerSecond, double dataWait) {
        int filled = (int) ((long) BAR * done / batches);
        String arrow = filled >= BAR ? "=".repeat(BAR) : "=".repeat(filled) + ">" + ".".repeat(BAR - filled - 1);
        double elapsed = (now - epochStartNanos) / 1e9;
        double eta = done == 0 ? 0 : elapsed / done * (batches - done);
        return String.format("%d/%d [%s] - ETA: %s - loss: %.4f - accuracy: %.4f - %.0f img/s",
                done, batches, arrow, duration(eta), loss, accuracy, imagesPerSecond)
                + (Double.isNaN(dataWait) ? "" : String.format(" - wait %.0f%%", 100 * dataWait));
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : s >= 60 ? String.format("%d:%02d", s / 60, s % 60) : s + "s";
    }
}
