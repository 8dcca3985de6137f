package io.github.convnet4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OptimizersTest {
    @Test void kerasDefaults() {
        Sgd sgd = assertInstanceOf(Sgd.class, Optimizers.parse("sgd"));
        assertEquals(0.01, sgd.learningRate());
        assertEquals(0, sgd.momentum());
        assertFalse(sgd.nesterov());
        Adam adam = assertInstanceOf(Adam.class, Optimizers.parse("adam"));
        assertEquals(0.001, adam.learningRate());
        assertEquals(0.9, adam.beta1());
        assertEquals(0.999, adam.beta2());
        assertEquals(1e-7, adam.epsilon());
        RmsProp rms = assertInstanceOf(RmsProp.class, Optimizers.parse("RMSprop"));
        assertEquals(0.001, rms.learningRate());
        assertEquals(0.9, rms.rho());
        assertEquals(1e-7, rms.epsilon());
        assertEquals(GradientClipping.NONE, rms.clipping());
    }

    @Test void momentumAndNesterovAliases() {
        Sgd m = assertInstanceOf(Sgd.class, Optimizers.parse("momentum"));
        assertEquals(0.9, m.momentum());
        assertFalse(m.nesterov());
        Sgd n = assertInstanceOf(Sgd.class, Optimizers.parse("nesterov:momentum=0.8"));
        assertEquals(0.8, n.momentum());
        assertTrue(n.nesterov());
    }

    @Test void optionsAndClipping() {
        Optimizer o = Optimizers.parse("adam:lr=0.01,beta1=0.8,clipnorm=1.5,clipvalue=0.5");
        assertEquals(0.01, o.baseLearningRate());
        assertEquals(0.8, ((Adam) o).beta1());
        assertEquals(new GradientClipping(1.5, 0, 0.5), o.clipping());
    }

    @Test void createWithLearningRate() {
        assertEquals(0.5, Optimizers.create("sgd", 0.5).learningRate());
        assertEquals(0.01, Optimizers.create("sgd", Double.NaN).learningRate());
        assertThrows(IllegalArgumentException.class, () -> Optimizers.create("sgd:lr=0.1", 0.5));
    }

    @Test void specRoundTrips() {
        for (String s : new String[] {"sgd", "nesterov:lr=0.05", "adam:global_clipnorm=2", "rmsprop:rho=0.8,clipvalue=3"}) {
            Optimizer o = Optimizers.parse(s);
            Optimizer again = Optimizers.parse(o.spec());
            assertEquals(o.spec(), again.spec(), s);
            assertEquals(o.clipping(), again.clipping(), s);
            assertEquals(o.baseLearningRate(), again.baseLearningRate(), s);
        }
    }

    @Test void clearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizers.parse("adamw"));
        assertEquals("unknown optimizer 'adamw' (choose sgd, momentum, nesterov, adam, rmsprop)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Optimizers.parse("adam:beta=0.9"));
        assertTrue(e.getMessage().contains("unknown option beta"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Optimizers.parse("sgd:lr=fast"));
        assertTrue(e.getMessage().contains("lr=fast is not a number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Optimizers.parse("sgd:clipnorm=1,global_clipnorm=1"));
        assertTrue(e.getMessage().contains("only one of clipnorm and global_clipnorm"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Optimizers.parse("sgd:lr=-1"));
        assertThrows(IllegalArgumentException.class, () -> Optimizers.parse("adam:beta1=1"));
        assertThrows(IllegalArgumentException.class, () -> Optimizers.parse("sgd:nesterov=true"));
        assertThrows(IllegalArgumentException.class, () -> Optimizers.parse(""));
        assertThrows(IllegalArgumentException.class, () -> Optimizers.parse("sgd:lr"));
    }
}
