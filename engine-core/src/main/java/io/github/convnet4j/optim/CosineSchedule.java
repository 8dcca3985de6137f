package io.github.convnet4j.optim;

/**
 * Cosine decay from the base rate to {@code min} over the run, updated every step, with an optional
 * linear warm-up. With {@code s} steps taken, {@code W = warmup * batchesPerEpoch} warm-up steps and
 * {@code T = epochs * batchesPerEpoch} steps in total:
 * <ul>
 *   <li>{@code s < W}: {@code lr = base * (s + 1) / W}</li>
 *   <li>else {@code lr = min + (base - min) (1 + cos(pi q)) / 2}, {@code q = (s - W) / (T - W)} clamped to [0, 1]</li>
 * </ul>
 * So without warm-up the first step of epoch e runs at {@code q = e / epochs}. {@code epochs} defaults
 * to the run's epochs. Spec: {@code cosine}, {@code cosine:min=1e-5,warmup=1,epochs=20}.
 */
public final class CosineSchedule implements LearningRateSchedule {
    private final double min;
    private final int warmupEpochs;
    private final int epochs;

    /**
     * @param min          the final learning rate
     * @param warmupEpochs epochs of linear warm-up (0 for none)
     * @param epochs       the decay length in epochs, 0 for the run's epochs
     */
    public CosineSchedule(double min, int warmupEpochs, int epochs) {
        if (!(min >= 0)) throw new IllegalArgumentException("cosine schedule: min must be >= 0, got " + min);
        if (warmupEpochs < 0) throw new IllegalArgumentException("cosine schedule: warmup must be >= 0 epochs, got " + warmupEpochs);
        if (epochs < 0) throw new IllegalArgumentException("cosine schedule: epochs must be >= 0, got " + epochs);
        if (epochs > 0 && warmupEpochs >= epochs) throw new IllegalArgumentException("cosine schedule: warmup (" + warmupEpochs + ") must be shorter than epochs (" + epochs + ")");
        this.min = min;
        this.warmupEpochs = warmupEpochs;
        this.epochs = epochs;
    }

    @Override public double learningRate(double base, Position p) {
        int totalEpochs = epochs > 0 ? epochs : p.epochs();
        long warmup = (long) warmupEpochs * p.batchesPerEpoch();
        long total = (long) totalEpochs * p.batchesPerEpoch();
        long s = p.step();
        if (s < warmup) return base * (s + 1) / warmup;
        if (total <= warmup) return min;
        double q = Math.min(1.0, (double) (s - warmup) / (total - warmup));
        return min + (base - min) * 0.5 * (1 + Math.cos(Math.PI * q));
    }

    @Override public String spec() {
        return "cosine:min=" + min + ",warmup=" + warmupEpochs + (epochs > 0 ? ",epochs=" + epochs : "");
    }
}
