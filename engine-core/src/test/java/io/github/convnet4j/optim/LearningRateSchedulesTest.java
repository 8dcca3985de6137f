package io.github.convnet4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.optim.LearningRateSchedule.Position;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LearningRateSchedulesTest {
    private static final int BATCHES = 10;

    private static double atEpoch(LearningRateSchedule s, int epoch, int epochs) {
        return s.learningRate(0.1, new Position(epoch, 0, BATCHES, epochs));
    }

    @Test void constant() {
        LearningRateSchedule s = LearningRateSchedules.parse("constant");
        for (int e = 0; e < 5; e++) assertEquals(0.1, atEpoch(s, e, 5));
        assertInstanceOf(ConstantSchedule.class, LearningRateSchedules.parse(null));
        assertInstanceOf(ConstantSchedule.class, LearningRateSchedules.parse(" "), "blank is constant too");
    }

    @Test void stepDropsEveryNEpochs() {
        LearningRateSchedule s = LearningRateSchedules.parse("step:every=2,factor=0.5");
        double[] expected = {0.1, 0.1, 0.05, 0.05, 0.025, 0.025};
        for (int e = 0; e < expected.length; e++) assertEquals(expected[e], atEpoch(s, e, 6), 1e-15, "epoch " + e);
        // Within an epoch the rate does not change.
        assertEquals(0.05, s.learningRate(0.1, new Position(3, 9, BATCHES, 6)), 1e-15);
    }

    @Test void exponentialPerEpochAndPerStep() {
        LearningRateSchedule e = LearningRateSchedules.parse("exponential:rate=0.5");
        assertEquals(0.1, atEpoch(e, 0, 4), 1e-15);
        assertEquals(0.05, atEpoch(e, 1, 4), 1e-15);
        assertEquals(0.0125, atEpoch(e, 3, 4), 1e-15);
        LearningRateSchedule s = LearningRateSchedules.parse("exponential:rate=0.5,per=step,steps=20");
        // step = epoch * 10 + batch: 5 steps -> 0.5^(5/20), 20 steps -> 0.5.
        assertEquals(0.1 * Math.pow(0.5, 0.25), s.learningRate(0.1, new Position(0, 5, BATCHES, 4)), 1e-15);
        assertEquals(0.05, s.learningRate(0.1, new Position(2, 0, BATCHES, 4)), 1e-15);
    }

    @Test void cosineFromBaseToMinOverTheRun() {
        LearningRateSchedule s = LearningRateSchedules.parse("cosine:min=0.001");
        // Epoch e of 4 starts at q = e/4: lr = min + (base-min)(1+cos(pi q))/2.
        assertEquals(0.1, atEpoch(s, 0, 4), 1e-15);
        assertEquals(0.001 + 0.099 * (1 + Math.sqrt(0.5)) / 2, atEpoch(s, 1, 4), 1e-15);
        assertEquals(0.0505, atEpoch(s, 2, 4), 1e-15);
        assertEquals(0.001 + 0.099 * (1 - Math.sqrt(0.5)) / 2, atEpoch(s, 3, 4), 1e-15);
        // Past the end it stays at min.
        assertEquals(0.001, s.learningRate(0.1, new Position(4, 0, BATCHES, 4)), 1e-15);
    }

    @Test void cosineWarmupIsLinearPerStep() {
        LearningRateSchedule s = LearningRateSchedules.parse("cosine:warmup=1,epochs=3");
        assertEquals(0.01, s.learningRate(0.1, new Position(0, 0, BATCHES, 10)), 1e-15);
        assertEquals(0.05, s.learningRate(0.1, new Position(0, 4, BATCHES, 10)), 1e-15);
        assertEquals(0.1, s.learningRate(0.1, new Position(0, 9, BATCHES, 10)), 1e-15);
        // After warm-up, cosine over the remaining 2 epochs (epochs=3 overrides the run's 10).
        assertEquals(0.1, s.learningRate(0.1, new Position(1, 0, BATCHES, 10)), 1e-15);
        assertEquals(0.05, s.learningRate(0.1, new Position(2, 0, BATCHES, 10)), 1e-15);
    }

    @Test void plateauReducesAfterPatienceAndRespectsMinimum() {
        LearningRateSchedule s = LearningRateSchedules.parse("plateau:patience=2,factor=0.5,min_lr=0.03");
        assertTrue(s.needsValidation());
        Position p = new Position(0, 0, BATCHES, 10);
        assertEquals(0.1, s.learningRate(0.1, p));
        s.onEpochEnd(9, 1.0);      // best = 1.0
        s.onEpochEnd(9, 0.99995);  // not better by min_delta 1e-4: wait 1
        assertEquals(0.1, s.learningRate(0.1, p));
        s.onEpochEnd(9, 1.2);      // wait 2 = patience: reduce
        assertEquals(0.05, s.learningRate(0.1, p));
        s.onEpochEnd(9, 0.5);      // improvement resets
        s.onEpochEnd(9, 0.6);
        s.onEpochEnd(9, 0.6);      // reduce again, clamped at min_lr
        assertEquals(0.03, s.learningRate(0.1, p));
        s.onEpochEnd(9, 0.7);
        s.onEpochEnd(9, 0.7);      // already at min: stays
        assertEquals(0.03, s.learningRate(0.1, p));
    }

    @Test void plateauCooldownAndLossMonitor() {
        // Keras decrements the cooldown counter before testing it, so cooldown=c skips c-1 epochs.
        LearningRateSchedule s = LearningRateSchedules.parse("plateau:monitor=loss,patience=1,factor=0.1,cooldown=2");
        Position p = new Position(0, 0, BATCHES, 10);
        s.learningRate(1.0, p);
        s.onEpochEnd(2.0, Double.NaN);  // best 2
        s.onEpochEnd(2.0, Double.NaN);  // reduce to 0.1, cooldown counter 2
        assertEquals(0.1, s.learningRate(1.0, p), 1e-15);
        s.onEpochEnd(2.0, Double.NaN);  // counter 2 -> 1, still cooling down: no count
        assertEquals(0.1, s.learningRate(1.0, p), 1e-15);
        s.onEpochEnd(2.0, Double.NaN);  // counter 1 -> 0: counts again, reduce
        assertEquals(0.01, s.learningRate(1.0, p), 1e-15);
    }

    @Test void plateauStateRoundTripsExactly() {
        LearningRateSchedule a = LearningRateSchedules.parse("plateau:patience=1,factor=0.3");
        Position p = new Position(0, 0, BATCHES, 10);
        a.learningRate(0.1, p);
        a.onEpochEnd(0, 0.7);
        a.onEpochEnd(0, 0.8);
        Map<String, String> state = a.state();
        LearningRateSchedule b = LearningRateSchedules.parse(a.spec());
        b.restoreState(state);
        assertEquals(Double.doubleToRawLongBits(a.learningRate(0.1, p)), Double.doubleToRawLongBits(b.learningRate(0.1, p)));
        a.onEpochEnd(0, 0.9);
        b.onEpochEnd(0, 0.9);
        assertEquals(a.state(), b.state());
        assertThrows(IllegalArgumentException.class, () -> b.restoreState(Map.of("lr", "0.1")));
        assertThrows(IllegalArgumentException.class, () -> new ConstantSchedule().restoreState(state));
    }

    @Test void specsRoundTrip() {
        for (String s : new String[] {"constant", "step:every=3,factor=0.2", "exponential:rate=0.9", "exponential:rate=0.9,per=step,steps=7",
                "cosine", "cosine:min=0.01,warmup=2,epochs=9", "plateau", "plateau:monitor=loss,cooldown=2"}) {
            String spec = LearningRateSchedules.parse(s).spec();
            assertEquals(spec, LearningRateSchedules.parse(spec).spec(), s);
        }
    }

    @Test void clearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LearningRateSchedules.parse("linear"));
        assertEquals("unknown schedule 'linear' (choose constant, step, exponential, cosine, plateau)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LearningRateSchedules.parse("step:every=2,gamma=0.5"));
        assertTrue(e.getMessage().contains("unknown option gamma"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LearningRateSchedules.parse("step:every=0"));
        assertTrue(e.getMessage().contains("every must be >= 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedules.parse("plateau:monitor=accuracy"));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedules.parse("exponential:per=week"));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedules.parse("cosine:warmup=3,epochs=3"));
    }
}
