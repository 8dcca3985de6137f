package io.github.convnet4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.optim.LearningRateSchedule.Position;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link ReduceOnPlateau} beyond the happy path: which loss it watches, the exact edges of
 * {@code min_delta}, {@code patience}, {@code min_lr} and the cooldown, the constructor's limits and
 * the checkpoint state it accepts. Values are binary fractions so every comparison is exact.
 */
class ReduceOnPlateauTest {
    private static final Position AT = new Position(0, 0, 10, 20);

    private static ReduceOnPlateau plateau(String monitor, double factor, int patience, double minLr, double minDelta, int cooldown) {
        ReduceOnPlateau s = new ReduceOnPlateau(monitor, factor, patience, minLr, minDelta, cooldown);
        assertEquals(1.0, s.learningRate(1.0, AT));
        return s;
    }

    @Test void valLossIsWatchedNotTheTrainingLoss() {
        ReduceOnPlateau s = plateau("val_loss", 0.5, 1, 0, 0, 0);
        assertTrue(s.needsValidation());
        s.onEpochEnd(4.0, 2.0);
        s.onEpochEnd(3.0, 2.0);   // training loss improves, validation does not: reduce
        assertEquals(0.5, s.learningRate(1.0, AT));
        s.onEpochEnd(3.0, 1.0);   // validation improves, training does not: keep
        assertEquals(0.5, s.learningRate(1.0, AT));
    }

    @Test void lossIsWatchedWhenAskedAndValidationIsIgnored() {
        ReduceOnPlateau s = plateau("loss", 0.5, 1, 0, 0, 0);
        assertFalse(s.needsValidation());
        s.onEpochEnd(2.0, 4.0);
        s.onEpochEnd(2.0, 3.0);   // validation improves, training does not: reduce
        assertEquals(0.5, s.learningRate(1.0, AT));
        s.onEpochEnd(1.0, 3.0);   // training improves: keep
        assertEquals(0.5, s.learningRate(1.0, AT));
        s.onEpochEnd(1.0, Double.NaN);  // no validation data is no obstacle
        assertEquals(0.25, s.learningRate(1.0, AT));
    }

    @Test void aNaNLossIsNeitherAnImprovementNorAStall() {
        ReduceOnPlateau s = plateau("val_loss", 0.5, 1, 0, 0, 0);
        s.onEpochEnd(1.0, 2.0);
        s.onEpochEnd(1.0, Double.NaN);
        s.onEpochEnd(1.0, Double.NaN);
        assertEquals(1.0, s.learningRate(1.0, AT));
        assertEquals("2.0", s.state().get("best"));
        assertEquals("0", s.state().get("wait"));
    }

    @Test void epochEndsBeforeTheFirstStepAreIgnored() {
        ReduceOnPlateau s = new ReduceOnPlateau("loss", 0.5, 0, 0, 0, 0);
        s.onEpochEnd(1.0, 1.0);
        assertEquals("Infinity", s.state().get("best"));
        assertEquals(0.75, s.learningRate(0.75, AT));
    }

    @Test void improvementMustExceedMinDeltaStrictly() {
        ReduceOnPlateau s = plateau("loss", 0.5, 1, 0, 0.25, 0);
        s.onEpochEnd(1.0, 0);
        s.onEpochEnd(0.75, 0);    // exactly min_delta better: not an improvement
        assertEquals(0.5, s.learningRate(1.0, AT));
        assertEquals("1.0", s.state().get("best"));
        s.onEpochEnd(0.5, 0);     // more than min_delta better
        assertEquals("0.5", s.state().get("best"));
        assertEquals(0.5, s.learningRate(1.0, AT));
    }

    @Test void patienceCountsStalledEpochs() {
        ReduceOnPlateau s = plateau("loss", 0.5, 3, 0, 0, 0);
        s.onEpochEnd(1.0, 0);
        s.onEpochEnd(1.0, 0);
        s.onEpochEnd(1.0, 0);
        assertEquals(1.0, s.learningRate(1.0, AT));
        assertEquals("2", s.state().get("wait"));
        s.onEpochEnd(1.0, 0);     // third stalled epoch
        assertEquals(0.5, s.learningRate(1.0, AT));
        assertEquals("0", s.state().get("wait"));
        ReduceOnPlateau eager = plateau("loss", 0.5, 0, 0, 0, 0);
        eager.onEpochEnd(1.0, 0); // an improvement (from infinity): no reduction even at patience 0
        assertEquals(1.0, eager.learningRate(1.0, AT));
        eager.onEpochEnd(1.0, 0); // patience 0: the first stalled epoch reduces
        assertEquals(0.5, eager.learningRate(1.0, AT));
    }

    @Test void theRateStopsAtMinLrAndThenStaysWithoutCooldown() {
        ReduceOnPlateau s = plateau("loss", 0.5, 1, 0.375, 0, 3);
        s.onEpochEnd(1.0, 0);
        s.onEpochEnd(1.0, 0);     // 1 -> 0.5, cooldown 3
        assertEquals(0.5, s.learningRate(1.0, AT));
        assertEquals("3", s.state().get("cooldown_counter"));
        s.onEpochEnd(1.0, 0);     // 3 -> 2
        s.onEpochEnd(1.0, 0);     // 2 -> 1
        assertEquals(0.5, s.learningRate(1.0, AT));
        s.onEpochEnd(1.0, 0);     // 1 -> 0, counts: 0.25 clamped up to min_lr 0.375
        assertEquals(0.375, s.learningRate(1.0, AT));
        assertEquals("3", s.state().get("cooldown_counter"));
        for (int i = 0; i < 3; i++) s.onEpochEnd(1.0, 0);
        assertEquals("0", s.state().get("cooldown_counter"));
        s.onEpochEnd(1.0, 0);     // at min_lr: no reduction, so no new cooldown either
        assertEquals(0.375, s.learningRate(1.0, AT));
        assertEquals("0", s.state().get("cooldown_counter"));
        assertEquals("0", s.state().get("wait"));
    }

    @Test void anImprovementDuringCooldownIsStillRecorded() {
        ReduceOnPlateau s = plateau("loss", 0.5, 1, 0, 0, 2);
        s.onEpochEnd(1.0, 0);
        s.onEpochEnd(1.0, 0);     // reduce, cooldown 2
        s.onEpochEnd(0.5, 0);     // cooling down, but a better value becomes the best
        assertEquals("0.5", s.state().get("best"));
        assertEquals("1", s.state().get("cooldown_counter"));
    }

    @Test void constructorRefusesEachOutOfRangeSetting() {
        Map<String, Runnable> bad = new LinkedHashMap<>();
        bad.put("monitor must be val_loss or loss, got accuracy", () -> new ReduceOnPlateau("accuracy", 0.1, 1, 0, 0, 0));
        bad.put("factor must be in (0, 1), got 0.0", () -> new ReduceOnPlateau("loss", 0, 1, 0, 0, 0));
        bad.put("factor must be in (0, 1), got 1.0", () -> new ReduceOnPlateau("loss", 1, 1, 0, 0, 0));
        bad.put("factor must be in (0, 1), got NaN", () -> new ReduceOnPlateau("loss", Double.NaN, 1, 0, 0, 0));
        bad.put("patience must be >= 0, got -1", () -> new ReduceOnPlateau("loss", 0.1, -1, 0, 0, 0));
        bad.put("min_lr must be >= 0, got -1.0E-9", () -> new ReduceOnPlateau("loss", 0.1, 1, -1e-9, 0, 0));
        bad.put("min_lr must be >= 0, got NaN", () -> new ReduceOnPlateau("loss", 0.1, 1, Double.NaN, 0, 0));
        bad.put("min_delta must be >= 0, got -1.0E-9", () -> new ReduceOnPlateau("loss", 0.1, 1, 0, -1e-9, 0));
        bad.put("min_delta must be >= 0, got NaN", () -> new ReduceOnPlateau("loss", 0.1, 1, 0, Double.NaN, 0));
        bad.put("cooldown must be >= 0, got -1", () -> new ReduceOnPlateau("loss", 0.1, 1, 0, 0, -1));
        bad.forEach((message, make) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make::run, message);
            assertEquals("plateau schedule: " + message, e.getMessage());
        });
        // The edges themselves are allowed.
        assertEquals("plateau:monitor=loss,factor=0.999,patience=0,min_lr=0.0,min_delta=0.0,cooldown=0",
                new ReduceOnPlateau("loss", 0.999, 0, 0, 0, 0).spec());
        assertEquals("plateau:monitor=val_loss,factor=1.0E-6,patience=7,min_lr=0.5,min_delta=0.25,cooldown=4",
                new ReduceOnPlateau("val_loss", 1e-6, 7, 0.5, 0.25, 4).spec());
    }

    @Test void stateIsTheRateTheBestAndTheCounters() {
        ReduceOnPlateau s = plateau("loss", 0.5, 2, 0, 0, 3);
        s.onEpochEnd(1.5, 0);
        s.onEpochEnd(2.0, 0);
        assertEquals(List.of("lr", "best", "wait", "cooldown_counter"), List.copyOf(s.state().keySet()));
        assertEquals(Map.of("lr", "1.0", "best", "1.5", "wait", "1", "cooldown_counter", "0"), s.state());
    }

    @Test void restoredStateMustBeInRange() {
        ReduceOnPlateau s = new ReduceOnPlateau("loss", 0.5, 1, 0, 0, 2);
        Map<String, String> good = Map.of("lr", "0.25", "best", "0.5", "wait", "0", "cooldown_counter", "2");
        s.restoreState(good);
        assertEquals(good, s.state());
        assertEquals(0.25, s.learningRate(1.0, AT), "a restored rate wins over the base rate");
        s.restoreState(Map.of("lr", "0.0", "best", "0.5", "wait", "3", "cooldown_counter", "0"));
        assertEquals(0.0, s.learningRate(1.0, AT), "a rate decayed to 0 is a valid state");
        s.restoreState(Map.of("lr", "NaN", "best", "Infinity", "wait", "0", "cooldown_counter", "0"));
        assertEquals(0.75, s.learningRate(0.75, AT), "a run checkpointed before its first step starts from the base rate");
        for (Map<String, String> bad : List.of(
                Map.of("lr", "-0.5", "best", "0.5", "wait", "0", "cooldown_counter", "0"),
                Map.of("lr", "0.5", "best", "NaN", "wait", "0", "cooldown_counter", "0"),
                Map.of("lr", "0.5", "best", "0.5", "wait", "-1", "cooldown_counter", "0"),
                Map.of("lr", "0.5", "best", "0.5", "wait", "0", "cooldown_counter", "-1"),
                Map.of("lr", "0.5", "best", "0.5", "wait", "0", "cooldown_counter", "3"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.restoreState(bad), bad.toString());
            assertTrue(e.getMessage().startsWith("plateau schedule state out of range: "), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.restoreState(Map.of("lr", "fast", "best", "0.5", "wait", "0", "cooldown_counter", "0")));
        assertTrue(e.getMessage().startsWith("plateau schedule state is not numeric: "), e.getMessage());
        assertEquals(Map.of("lr", "0.75", "best", "Infinity", "wait", "0", "cooldown_counter", "0"), s.state(), "a refused state changes nothing");
    }
}
