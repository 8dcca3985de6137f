package io.github.convnet4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What early stopping and keep-best watch: each monitor's value, direction, min_delta edge, parsing, and the best-so-far count. */
class MonitorTest {
    private static final double NAN = Double.NaN;

    private static EpochResult epoch(int e, double loss, double acc, double valLoss, double valAcc) {
        return new EpochResult(e, loss, acc, valLoss, valAcc, 0.01, 1, 100);
    }

    @Test void eachMonitorReadsItsOwnColumn() {
        EpochResult r = epoch(3, 0.5, 0.75, 0.625, 0.875);
        assertEquals(0.5, Monitor.LOSS.value(r));
        assertEquals(0.75, Monitor.ACCURACY.value(r));
        assertEquals(0.625, Monitor.VAL_LOSS.value(r));
        assertEquals(0.875, Monitor.VAL_ACCURACY.value(r));
        assertFalse(Monitor.LOSS.needsValidation());
        assertFalse(Monitor.ACCURACY.needsValidation());
        assertTrue(Monitor.VAL_LOSS.needsValidation());
        assertTrue(Monitor.VAL_ACCURACY.needsValidation());
        assertEquals("val_accuracy", Monitor.VAL_ACCURACY.key());
    }

    @Test void lossesImproveDownwardsAndAccuraciesUpwardsByMoreThanMinDelta() {
        assertTrue(Monitor.LOSS.improves(0.5, 0.75, 0.125));
        assertFalse(Monitor.LOSS.improves(0.625, 0.75, 0.125), "exactly min_delta is not an improvement");
        assertFalse(Monitor.LOSS.improves(0.75, 0.5, 0), "a higher loss does not improve");
        assertTrue(Monitor.ACCURACY.improves(0.75, 0.5, 0.125));
        assertFalse(Monitor.ACCURACY.improves(0.625, 0.5, 0.125), "exactly min_delta is not an improvement");
        assertFalse(Monitor.ACCURACY.improves(0.5, 0.75, 0), "a lower accuracy does not improve");
        assertFalse(Monitor.VAL_LOSS.improves(NAN, Double.POSITIVE_INFINITY, 0), "NaN never improves");
        assertFalse(Monitor.VAL_ACCURACY.improves(NAN, Double.NEGATIVE_INFINITY, 0));
        assertEquals(Double.POSITIVE_INFINITY, Monitor.VAL_LOSS.initialBest());
        assertEquals(Double.NEGATIVE_INFINITY, Monitor.ACCURACY.initialBest());
        assertTrue(Monitor.LOSS.improves(1e30, Monitor.LOSS.initialBest(), 0), "any finite loss improves on the initial best");
        assertTrue(Monitor.ACCURACY.improves(0, Monitor.ACCURACY.initialBest(), 0));
    }

    @Test void namesParseCaseAndDashInsensitivelyWithKerasAliases() {
        assertEquals(Monitor.VAL_LOSS, Monitor.parse(" Val-Loss ", "x"));
        assertEquals(Monitor.ACCURACY, Monitor.parse("acc", "x"));
        assertEquals(Monitor.VAL_ACCURACY, Monitor.parse("val_acc", "x"));
        assertEquals(Monitor.LOSS, Monitor.parse("LOSS", "x"));
        assertEquals("--keep-best: unknown monitor 'speed' (choose loss, accuracy, val_loss, val_accuracy)",
                assertThrows(IllegalArgumentException.class, () -> Monitor.parse("speed", "--keep-best")).getMessage());
        assertEquals("--keep-best: unknown monitor 'null' (choose loss, accuracy, val_loss, val_accuracy)",
                assertThrows(IllegalArgumentException.class, () -> Monitor.parse(null, "--keep-best")).getMessage());
    }

    @Test void bestSoFarKeepsTheBestEpochAndCountsEpochsSinceIt() {
        BestSoFar b = new BestSoFar(Monitor.VAL_LOSS, 0.01);
        assertEquals(Double.POSITIVE_INFINITY, b.best());
        assertEquals(0, b.bestEpoch());
        assertEquals(Monitor.VAL_LOSS, b.monitor());
        assertFalse(b.update(epoch(1, 0.9, 0.5, NAN, NAN)), "an unvalidated epoch does not count as improving");
        assertEquals(1, b.sinceImprovement());
        assertTrue(b.update(epoch(2, 0.8, 0.6, 0.5, 0.7)));
        assertEquals(0.5, b.best());
        assertEquals(2, b.bestEpoch());
        assertEquals(0, b.sinceImprovement());
        assertFalse(b.update(epoch(3, 0.7, 0.6, 0.495, 0.7)), "better by less than min_delta");
        assertFalse(b.update(epoch(4, 0.7, 0.6, 0.6, 0.7)));
        assertEquals(0.5, b.best());
        assertEquals(2, b.bestEpoch());
        assertEquals(2, b.sinceImprovement());
        assertTrue(b.update(epoch(5, 0.7, 0.6, 0.25, 0.7)));
        assertEquals(0.25, b.best());
        assertEquals(5, b.bestEpoch());
        assertEquals(0, b.sinceImprovement());
    }
}
