package io.github.convnet4j.train;

/**
 * The best value of a {@link Monitor} over the epochs seen so far, and how many epochs have passed
 * since it last improved (Keras's {@code best} and {@code wait}). A resumed run rebuilds it by
 * replaying its history.
 */
final class BestSoFar {
    private final Monitor monitor;
    private final double minDelta;
    private double best;
    private int bestEpoch;
    private int sinceImprovement;

    BestSoFar(Monitor monitor, double minDelta) {
        this.monitor = monitor;
        this.minDelta = minDelta;
        this.best = monitor.initialBest();
    }

    /** Takes an epoch's result; returns whether it improved on the best by more than the minimum change. */
    boolean update(EpochResult r) {
        double v = monitor.value(r);
        if (monitor.improves(v, best, minDelta)) {
            best = v;
            bestEpoch = r.epoch();
            sinceImprovement = 0;
            return true;
        }
        sinceImprovement++;
        return false;
    }

    /** The best value; the monitor's {@link Monitor#initialBest()} before any improvement. */
    double best() { return best; }

    /** The 1-based epoch of the best value; 0 before any improvement. */
    int bestEpoch() { return bestEpoch; }

    /** Epochs since the last improvement. */
    int sinceImprovement() { return sinceImprovement; }

    Monitor monitor() { return monitor; }
}
