package io.github.convnet4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.convnet4j.tensor.HostTensor;
import io.github.convnet4j.tensor.Shape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every optimizer shares and that needs no backend: the learning-rate checks, the spec text,
 * and how a state tensor's key is split into parameter and slot. (Slots on a backend:
 * {@code OptimizerStateTest} in engine-cpu-fallback.)
 *
 * <p>Equivalent mutant left alone: {@code importState}'s {@code cut < 0 ? "" : key.substring(0, cut)}
 * with the boundary moved to {@code cut <= 0} gives "" for a key starting with '/' either way.
 */
class AbstractOptimizerTest {
    @Test void learningRatesMustBeFiniteAndNotNegative() {
        for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            String message = "learning rate must be a finite number >= 0, got " + bad;
            assertEquals(message, assertThrows(IllegalArgumentException.class, () -> new Sgd(bad, 0, false, null)).getMessage());
            Sgd sgd = new Sgd();
            assertEquals(message, assertThrows(IllegalArgumentException.class, () -> sgd.setLearningRate(bad)).getMessage());
            assertEquals(0.01, sgd.learningRate(), "a refused rate changes nothing");
        }
        Sgd frozen = new Sgd(0, 0, false, null);
        assertEquals(0, frozen.learningRate());
        frozen.setLearningRate(0.5);
        assertEquals(0.5, frozen.learningRate());
        assertEquals(0, frozen.baseLearningRate(), "the base rate stays what the spec said");
    }

    /** The spec names the optimizer's own options and exactly the kinds of clipping that are on. */
    @Test void specListsOwnOptionsAndOnlyTheClippingThatIsOn() {
        assertEquals("sgd:lr=0.01", new Sgd().spec());
        assertEquals("adam:lr=0.001,beta1=0.9,beta2=0.999,epsilon=1.0E-7", new Adam().spec());
        assertEquals("sgd:lr=0.1,momentum=0.9,nesterov=false,clipnorm=1.5,clipvalue=0.5",
                Optimizers.parse("momentum:lr=0.1,clipnorm=1.5,clipvalue=0.5").spec());
        assertEquals("adam:lr=0.001,beta1=0.8,beta2=0.999,epsilon=1.0E-7,global_clipnorm=2.0",
                Optimizers.parse("adam:beta1=0.8,global_clipnorm=2").spec());
        Optimizer again = Optimizers.parse(new Adam(0.02, 0.5, 0.75, 1e-3, GradientClipping.NONE).spec());
        Adam adam = (Adam) again;
        assertEquals(List.of(0.02, 0.5, 0.75, 1e-3), List.of(adam.baseLearningRate(), adam.beta1(), adam.beta2(), adam.epsilon()));
    }

    /** A key is {@code <parameter>/<slot>}, split at the last '/'; a key without one names no slot. */
    @Test void aStateKeyWithoutASlotIsNamed() {
        HostTensor one = new HostTensor(Shape.of(1), new float[1]);
        Adam adam = new Adam();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> adam.importState(new OptimizerState("adam", 1, Map.of("m", one)), List.of()));
        assertEquals("optimizer state tensor m: adam has no such slot (slots: [m, v])", e.getMessage());
        // "/m" is slot m of a parameter with an empty name, which no model has.
        e = assertThrows(IllegalArgumentException.class,
                () -> adam.importState(new OptimizerState("adam", 1, Map.of("/m", one)), List.of()));
        assertEquals("optimizer state tensor /m: the model has no trainable parameter ", e.getMessage());
    }
}
