package io.github.convnet4j.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras {@code ReduceLROnPlateau}: after {@code patience} epochs without the monitored loss
 * improving by more than {@code minDelta}, the rate is multiplied by {@code factor} (never below
 * {@code minLr}), then {@code cooldown} epochs pass before counting again (as in Keras, the counter is
 * decremented before it is tested, so {@code cooldown=c} skips {@code c-1} epochs). The monitored value is
 * {@code val_loss} (default) or {@code loss}. Spec:
 * {@code plateau:monitor=val_loss,factor=0.1,patience=10,min_lr=0,min_delta=1e-4,cooldown=0} (the defaults).
 * State (saved in checkpoints): the current rate, the best value, and the two counters.
 */
public final class ReduceOnPlateau implements LearningRateSchedule {
    private final boolean monitorValidation;
    private final double factor;
    private final int patience;
    private final double minLr;
    private final double minDelta;
    private final int cooldown;

    private double current = Double.NaN;
    private double best = Double.POSITIVE_INFINITY;
    private int wait;
    private int cooldownCounter;

    public ReduceOnPlateau(String monitor, double factor, int patience, double minLr, double minDelta, int cooldown) {
        if (!monitor.equals("val_loss") && !monitor.equals("loss")) throw new IllegalArgumentException("plateau schedule: monitor must be val_loss or loss, got " + monitor);
        if (!(factor > 0 && factor < 1)) throw new IllegalArgumentException("plateau schedule: factor must be in (0, 1), got " + factor);
        if (patience < 0) throw new IllegalArgumentException("plateau schedule: patience must be >= 0, got " + patience);
        if (!(minLr >= 0)) throw new IllegalArgumentException("plateau schedule: min_lr must be >= 0, got " + minLr);
        if (!(minDelta >= 0)) throw new IllegalArgumentException("plateau schedule: min_delta must be >= 0, got " + minDelta);
        if (cooldown < 0) throw new IllegalArgumentException("plateau schedule: cooldown must be >= 0, got " + cooldown);
        this.monitorValidation = monitor.equals("val_loss");
        this.factor = factor;
        this.patience = patience;
        this.minLr = minLr;
        this.minDelta = minDelta;
        this.cooldown = cooldown;
    }

    @Override public double learningRate(double base, Position position) {
        if (Double.isNaN(current)) current = base;
        return current;
    }

    @Override public void onEpochEnd(double loss, double valLoss) {
        double value = monitorValidation ? valLoss : loss;
        if (Double.isNaN(current) || Double.isNaN(value)) return;
        if (cooldownCounter > 0) {
            cooldownCounter--;
            wait = 0;
        }
        if (value < best - minDelta) {
            best = value;
            wait = 0;
        } else if (cooldownCounter == 0) {
            wait++;
            if (wait >= patience) {
                if (current > minLr) {
                    current = Math.max(current * factor, minLr);
                    cooldownCounter = cooldown;
                }
                wait = 0;
            }
        }
    }

    @Override public boolean needsValidation() { return monitorValidation; }

    @Override public Map<String, String> state() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("lr", Double.toString(current));
        s.put("best", Double.toString(best));
        s.put("wait", Integer.toString(wait));
        s.put("cooldown_counter", Integer.toString(cooldownCounter));
        return s;
    }

    @Override public void restoreState(Map<String, String> s) {
        if (!s.keySet().equals(state().keySet())) {
            throw new IllegalArgumentException("plateau schedule state must have keys " + state().keySet() + ", got " + s.keySet());
        }
        try {
            double lr = Double.parseDouble(s.get("lr"));
            double b = Double.parseDouble(s.get("best"));
            int w = Integer.parseInt(s.get("wait"));
            int c = Integer.parseInt(s.get("cooldown_counter"));
            if (!(Double.isNaN(lr) || lr >= 0) || Double.isNaN(b) || w < 0 || c < 0 || c > cooldown) {
                throw new IllegalArgumentException("plateau schedule state out of range: " + s);
            }
            current = lr;
            best = b;
            wait = w;
            cooldownCounter = c;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("plateau schedule state is not numeric: " + s);
        }
    }

    @Override public String spec() {
        return "plateau:monitor=" + (monitorValidation ? "val_loss" : "loss") + ",factor=" + factor + ",patience=" + patience
                + ",min_lr=" + minLr + ",min_delta=" + minDelta + ",cooldown=" + cooldown;
    }
}
