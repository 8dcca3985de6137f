package io.github.convnet4j.conformance;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.BackendProvider;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The meta-test of the kit: every method of every op-family interface of the SPI (found by
 * reflection over {@link Backend}'s accessors that return an interface of
 * {@code io.github.convnet4j.backend.ops}) must be called by at least one conformance case. One
 * case of each kind ({@link CaseKinds}) of every family of {@link ConformanceKit} runs once on the CPU
 * backend behind recording proxies (so every method is called by the first case of some kind, which
 * is stricter than by any case); an op added to the SPI without a case list fails here by name.
 */
class ConformanceCoverageTest {
    /** Every op method of the SPI, e.g. {@code ConvOps.backwardData(ConvParams, Tensor, Tensor, Tensor)}. */
    static Set<String> spiOpMethods() {
        Set<String> all = new TreeSet<>();
        for (Class<?> family : opFamilies()) {
            for (Method m : family.getMethods()) {
                if (!Modifier.isStatic(m.getModifiers())) all.add(signature(m));
            }
        }
        return all;
    }

    private static List<Class<?>> opFamilies() {
        List<Class<?>> families = new ArrayList<>();
        for (Method m : Backend.class.getMethods()) {
            Class<?> t = m.getReturnType();
            if (BackendProxies.isOpFamily(t) && m.getParameterCount() == 0) families.add(t);
        }
        return families;
    }

    private static String signature(Method m) {
        StringBuilder b = new StringBuilder(m.getDeclaringClass().getSimpleName()).append('.').append(m.getName()).append('(');
        Class<?>[] ps = m.getParameterTypes();
        for (int i = 0; i < ps.length; i++) b.append(i == 0 ? "" : ", ").append(ps[i].getSimpleName());
        return b.append(')').toString();
    }

    @Test
    void theSpiHasOpFamiliesToCover() {
        // Guards the reflection itself: were it to find nothing, the coverage check would pass vacuously.
        assertTrue(opFamilies().size() >= 9, "op families found: " + opFamilies());
        assertTrue(spiOpMethods().contains("ConvOps.forward(ConvParams, Tensor, Tensor, Tensor, Tensor)"), spiOpMethods().toString());
    }

    @Test
    void everySpiOpMethodHasAConformanceCase() {
        Set<String> called = Collections.synchronizedSet(new HashSet<>());
        BackendProvider cpu = BackendPair.cpuProvider();
        int cases = 0;
        try (BackendPair pair = BackendPair.open(() -> recording(cpu.open(""), called))) {
            for (ConformanceKit.Family family : ConformanceKit.families()) {
                for (ConformanceCase c : CaseKinds.representatives(family.on(pair).cases().toList())) cases += run(c);
            }
        }
        assertTrue(cases > 50, "the kit ran only " + cases + " kinds of case");
        Set<String> missing = new TreeSet<>(spiOpMethods());
        missing.removeAll(called);
        assertEquals(Set.of(), missing, "SPI op methods no conformance case calls: add a case list for each to ConformanceKit");
    }

    /** Runs every case under {@code node}; returns how many ran. */
    private static int run(CaseNode node) {
        if (node instanceof CaseGroup g) return g.children().stream().mapToInt(ConformanceCoverageTest::run).sum();
        try {
            ((ConformanceCase) node).run();
        } catch (Throwable ignored) {
            // A failing case fails in the backend's own conformance test; here only the calls count.
        }
        return 1;
    }

    /** {@code inner} behind a proxy whose op families record each method called. */
    private static Backend recording(Backend inner, Set<String> called) {
        return BackendProxies.withOps(inner, (op, family, args) -> {
            called.add(signature(op));
            return op.invoke(family, args);
        });
    }
}
