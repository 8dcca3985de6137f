package io.github.convnet4j.conformance;

import io.github.convnet4j.backend.ops.LossKind;
import io.github.convnet4j.conformance.LossConformance.Case;
import io.github.convnet4j.conformance.LossConformance.Targets;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loss cases' data holds what {@link LossConformance} says it holds, row by row. A case whose
 * trap is weakened (fewer confident rows, targets off the leader) can still catch a mistake by
 * chance, so {@link LossHazardsTest} alone does not pin the data down.
 */
class LossCaseDataTest {
    private static List<Case> cases(LossKind kind, Targets targets) {
        return LossConformance.cases().stream().filter(c -> c.kind() == kind && c.targets() == targets).toList();
    }

    @Test
    void confidentRowsHaveTheirTargetOnTheLeaderWithMarginsFrom4To18() {
        for (Case c : cases(LossKind.SOFTMAX_CROSS_ENTROPY, Targets.CONFIDENT)) {
            double[][] d = LossConformance.data(c);
            int n = c.shape().dim(0), f = c.shape().dim(1);
            double smallest = 1;
            for (int r = 0; r < n; r++) {
                int leader = r * f;
                for (int i = r * f; i < (r + 1) * f; i++) if (d[0][i] > d[0][leader]) leader = i;
                double sumExp = 0, ones = 0;
                for (int i = r * f; i < (r + 1) * f; i++) {
                    sumExp += Math.exp(d[0][i] - d[0][leader]);
                    ones += d[1][i];
                }
                assertEquals(1.0, d[1][leader], c.name() + " row " + r + ": the target is on the row's largest logit");
                assertEquals(1.0, ones, c.name() + " row " + r + ": one target");
                double oneMinusP = 1 - 1 / sumExp;
                smallest = Math.min(smallest, oneMinusP);
                // Each row's raised entry leads its other logits (uniform in [-2, 2]) by 4 + 14 r / (n - 1) minus at most 4.
                double raise = 4 + 14.0 * r / (n - 1);
                // 1 - p = S / (1 + S), S the sum of exp(z_i - z_leader) over the other f - 1 entries.
                double most = (f - 1) * Math.exp(-(raise - 4)), least = (f - 1) * Math.exp(-(raise + 4));
                assertTrue(oneMinusP <= most / (1 + most) + 1e-12 && oneMinusP >= least / (1 + least) - 1e-12,
                        c.name() + " row " + r + ": 1 - p = " + oneMinusP + " for a raise of " + raise);
            }
            assertTrue(smallest < 1e-6, c.name() + ": the most confident row has 1 - p = " + smallest + ", which needs to be below 1e-6");
        }
    }

    @Test
    void otherCrossEntropyCasesHaveTheirFirstRowNear100AndTheRestWithin6() {
        for (LossConformance.Case c : LossConformance.cases()) {
            if (c.kind() != LossKind.SOFTMAX_CROSS_ENTROPY || c.targets() == Targets.CONFIDENT) continue;
            double[] z = LossConformance.data(c)[0];
            int f = c.shape().dim(1);
            for (int i = 0; i < z.length; i++) {
                double lo = i < f ? 94 : -6, hi = i < f ? 106 : 6;
                assertTrue(z[i] >= lo && z[i] <= hi, c.name() + ": logit " + i + " = " + z[i]);
            }
        }
    }

    @Test
    void targetsAreWhatEachKindPromises() {
        for (Case c : LossConformance.cases()) {
            double[][] d = LossConformance.data(c);
            double[] o = d[0], t = d[1];
            int n = c.shape().dim(0), f = c.shape().dim(1);
            assertEquals(c.shape().size(), o.length, c.name());
            assertEquals(c.shape().size(), t.length, c.name());
            switch (c.targets()) {
                case ONE_HOT -> {
                    for (int r = 0; r < n; r++) {
                        double sum = 0;
                        for (int i = r * f; i < (r + 1) * f; i++) {
                            assertTrue(t[i] == 0 || t[i] == 1, c.name());
                            sum += t[i];
                        }
                        assertEquals(1.0, sum, c.name() + " row " + r);
                    }
                }
                case SOFT -> {
                    for (int r = 0; r < n; r++) {
                        double sum = 0;
                        for (int i = r * f; i < (r + 1) * f; i++) sum += t[i];
                        assertEquals(1.0, sum, 1e-6, c.name() + " row " + r);
                    }
                }
                case UNNORMALIZED -> {
                    double furthest = 0;
                    for (int r = 0; r < n; r++) {
                        double sum = 0;
                        for (int i = r * f; i < (r + 1) * f; i++) {
                            assertTrue(t[i] >= 0 && t[i] <= 1, c.name());
                            sum += t[i];
                        }
                        furthest = Math.max(furthest, Math.abs(sum - 1));
                    }
                    assertTrue(furthest > 0.25, c.name() + ": rows must not sum to 1; the furthest is " + furthest + " from it");
                }
                case UNIFORM -> {
                    double lo = c.kind() == LossKind.SIGMOID_BINARY_CROSS_ENTROPY ? 0 : -2;
                    for (double v : t) assertTrue(v >= lo && v <= 2 && (lo == -2 || v <= 1), c.name() + ": target " + v);
                }
                case BINARY -> {
                    for (double v : t) assertTrue(v == 0 || v == 1, c.name());
                }
                case SOME_EQUAL -> {
                    int equal = 0;
                    for (int i = 0; i < t.length; i++) if (t[i] == o[i]) equal++;
                    assertEquals((t.length + 2) / 3, equal, c.name() + ": every third output equals its target");
                }
                case CONFIDENT -> { }   // confidentRowsHaveTheirTargetOnTheLeaderWithMarginsFrom4To18
            }
        }
    }

    @Test
    void binaryCrossEntropyLogitsReachPlusAndMinus25() {
        for (Case c : cases(LossKind.SIGMOID_BINARY_CROSS_ENTROPY, Targets.UNIFORM)) {
            double[] z = LossConformance.data(c)[0];
            double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
            for (double v : z) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            assertTrue(lo >= -30 && hi <= 30 && lo < -20 && hi > 20, c.name() + ": logits in [" + lo + ", " + hi + "]");
        }
    }

    @Test
    void namesAreUnique() {
        List<String> names = LossConformance.cases().stream().map(Case::name).toList();
        assertEquals(names.size(), names.stream().distinct().count(), names.toString());
    }
}
