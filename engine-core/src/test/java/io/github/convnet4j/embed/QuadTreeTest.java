package io.github.convnet4j.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Barnes-Hut repulsion sums against the exact O(n²) sums {@code Z_i = sum_{j≠i} w_ij},
 * {@code F_i = sum_{j≠i} w_ij² (y_i − y_j)}, {@code w_ij = 1 / (1 + |y_i − y_j|²)}, and one tree
 * worked by hand.
 *
 * <p>Left alone as equivalent: the root's {@code 1 + 1e-9} margin as a division (points on the far
 * edge go to the upper quadrant by {@code >=} either way, and a 2e-9 relative change of the cell
 * width only matters for a cell exactly at the theta boundary); {@code depth >= MAX_DEPTH} as
 * {@code >} (one level deeper for points within 2^-48 of the map's width).
 */
class QuadTreeTest {
    /**
     * Random points plus three copies of one point and two points sharing an x coordinate: with theta
     * = 0 every cell is opened, so the sums are exact, coincident points counting each other once (w = 1).
     */
    @Test void thetaZeroGivesTheExactSumsWithCoincidentPoints() {
        int n = 40;
        double[] y = randomPoints(n, 4);
        for (int c : new int[] {11, 23}) {
            y[2 * c] = y[2 * 5];
            y[2 * c + 1] = y[2 * 5 + 1];
        }
        y[2 * 30] = y[2 * 31]; // same x, different y
        QuadTree tree = QuadTree.of(y, n);
        for (int i = 0; i < n; i++) {
            double[] f = new double[2];
            double z = tree.repulsion(y, i, 0, f);
            double[] exact = exact(y, n, i);
            assertEquals(exact[0], z, 1e-12 * exact[0], "Z of point " + i);
            assertEquals(exact[1], f[0], 1e-12, "F_x of point " + i);
            assertEquals(exact[2], f[1], 1e-12, "F_y of point " + i);
        }
        double[] f = new double[2];
        double[] exact = exact(y, n, 23);
        assertTrue(exact[0] > 2, "two coincident partners add 1 each");
        assertEquals(exact[0], tree.repulsion(y, 23, 0, f), 1e-12 * exact[0], "the last copy inserted does not count itself");
    }

    /**
     * A = (100, 100), B = (110, 110), C = (110, 109). The root spans [100, 110]² (width 10, centre
     * 105); B and C share its upper-right quadrant and two more nested cells (widths 5, 2.5, 1.25) before
     * they part. Seen from A, those cells' mass (110, 109.5) is at d² = 10² + 9.5² = 190.25, so width/d
     * is 0.36, 0.18 and 0.09:
     * <ul>
     *   <li>theta = 0.5: the width-5 cell is summarised as 2 points at (110, 109.5): Z = 2 w,
     *       F = 2 w² (−10, −9.5), w = 1/191.25;</li>
     *   <li>theta = 0.05: all are opened: Z = 1/201 + 1/182, F = −(10, 10)/201² − (10, 9)/182².</li>
     * </ul>
     * Neither is what the whole tree seen from A would give (root width/d = 10/9.2 > 1).
     */
    @Test void aFarCellActsAsOneHeavyPointBelowTheta() {
        double[] y = {100, 100, 110, 110, 110, 109};
        QuadTree tree = QuadTree.of(y, 3);
        double[] f = new double[2];
        double w = 1 / 191.25;
        assertEquals(2 * w, tree.repulsion(y, 0, 0.5, f), 1e-15);
        assertEquals(2 * w * w * -10, f[0], 1e-15);
        assertEquals(2 * w * w * -9.5, f[1], 1e-15);
        f = new double[2];
        assertEquals(1 / 201.0 + 1 / 182.0, tree.repulsion(y, 0, 0.05, f), 1e-15);
        assertEquals(-10 / (201.0 * 201) - 10 / (182.0 * 182), f[0], 1e-15);
        assertEquals(-10 / (201.0 * 201) - 9 / (182.0 * 182), f[1], 1e-15);
        // Seen from B, C is in B's own quadrant chain and A is alone in its cell: exact either way.
        f = new double[2];
        assertEquals(1 / 201.0 + 1 / 2.0, tree.repulsion(y, 1, 0.5, f), 1e-15);
        assertEquals(10 / (201.0 * 201), f[0], 1e-15);
        assertEquals(10 / (201.0 * 201) + 1 / 4.0, f[1], 1e-15);
    }

    /**
     * Theta = 0.5 on 300 points spread around the origin (so min + max is near 0 on both axes): every
     * summarised cell is under half as wide as it is far. Over seeds 1..11 the worst point was off by
     * 2.3 % in Z and by 5.2 % of {@code sum_j w_ij² |y_i − y_j|} in F; the bounds are about twice that.
     */
    @Test void thetaHalfStaysCloseToTheExactSums() {
        int n = 300;
        double[] y = randomPoints(n, 8);
        QuadTree tree = QuadTree.of(y, n);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double[] f = new double[2];
            double z = tree.repulsion(y, i, 0.5, f);
            double[] exact = exact(y, n, i);
            worst = Math.max(worst, Math.abs(z - exact[0]) / exact[0]);
            assertEquals(exact[0], z, 0.05 * exact[0], "Z of point " + i);
            assertEquals(0, Math.hypot(f[0] - exact[1], f[1] - exact[2]), 0.1 * exact[3], "F of point " + i);
        }
        assertTrue(worst > 0, "theta 0.5 summarises some cells");
    }

    private static double[] randomPoints(int n, long seed) {
        Random r = new Random(seed);
        double[] y = new double[2 * n];
        for (int i = 0; i < 2 * n; i++) y[i] = 5 * r.nextGaussian();
        return y;
    }

    /** {Z_i, F_i x, F_i y, sum_j w_ij² |y_i − y_j|}. */
    private static double[] exact(double[] y, int n, int i) {
        double z = 0, fx = 0, fy = 0, size = 0;
        for (int j = 0; j < n; j++) {
            if (j == i) continue;
            double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
            double w = 1 / (1 + dx * dx + dy * dy);
            z += w;
            fx += w * w * dx;
            fy += w * w * dy;
            size += w * w * Math.hypot(dx, dy);
        }
        return new double[] {z, fx, fy, size};
    }
}
