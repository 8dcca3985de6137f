package io.github.convnet4j.embed;

/**
 * A point-region quadtree over 2-D points that keeps each cell's point count and centre of mass,
 * for Barnes-Hut sums: a cell far enough away (its width over the distance below theta) acts as
 * one heavy point. Coincident points share a leaf (its count grows).
 */
final class QuadTree {
    private static final int MAX_DEPTH = 48;
    private final double cx, cy, half;
    private final int depth;
    private double massX, massY;
    private int count;
    private int point = -1;
    private QuadTree[] children;

    private QuadTree(double cx, double cy, double half, int depth) {
        this.cx = cx;
        this.cy = cy;
        this.half = half;
        this.depth = depth;
    }

    /** A tree over n points, {@code y} row-major (x0, y0, x1, y1, ...). */
    static QuadTree of(double[] y, int n) {
        double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, y[2 * i]);
            maxX = Math.max(maxX, y[2 * i]);
            minY = Math.min(minY, y[2 * i + 1]);
            maxY = Math.max(maxY, y[2 * i + 1]);
        }
        double half = Math.max(Math.max(maxX - minX, maxY - minY) / 2 * (1 + 1e-9), 1e-12);
        QuadTree root = new QuadTree((minX + maxX) / 2, (minY + maxY) / 2, half, 0);
        for (int i = 0; i < n; i++) root.insert(y, i);
        return root;
    }

    private void insert(double[] y, int i) {
        double px = y[2 * i], py = y[2 * i + 1];
        massX = (massX * count + px) / (count + 1);
        massY = (massY * count + py) / (count + 1);
        count++;
        if (children == null) {
            if (count == 1) {
                point = i;
                return;
            }
            if (depth >= MAX_DEPTH || (y[2 * point] == px && y[2 * point + 1] == py)) return; // coincident: stays a leaf
            children = new QuadTree[4];
            int old = point, held = count - 1; // held points, all at old's position (coincident copies included)
            point = -1;
            QuadTree c = child(y[2 * old], y[2 * old + 1]);
            for (int k = 0; k < held; k++) c.insert(y, old);
        }
        child(px, py).insert(y, i);
    }

    private QuadTree child(double px, double py) {
        int q = quadrant(px, py);
        if (children[q] == null) {
            double h = half / 2;
            children[q] = new QuadTree(cx + ((q & 1) != 0 ? h : -h), cy + ((q & 2) != 0 ? h : -h), h, depth + 1);
        }
        return children[q];
    }

    private int quadrant(double px, double py) { return (px >= cx ? 1 : 0) + (py >= cy ? 2 : 0); }

    /**
     * Adds point i's repulsive terms to {@code force} (2 values) and returns its share of the
     * normaliser: {@code sum_j w_ij} and {@code force += sum_j w_ij² (y_i - y_j)} with
     * {@code w_ij = 1 / (1 + |y_i - y_j|²)}, over all j ≠ i, cells far away summarised. The cells
     * on i's own path are always opened, so i never counts itself (a point coincident with i counts
     * once, with w = 1) and theta = 0 gives the exact sums.
     */
    double repulsion(double[] y, int i, double theta, double[] force) { return repulsion(y, i, theta, force, true); }

    /** @param holdsI whether i was inserted below this cell: the root, then the quadrant i falls in */
    private double repulsion(double[] y, int i, double theta, double[] force, boolean holdsI) {
        double px = y[2 * i], py = y[2 * i + 1];
        double dx = px - massX, dy = py - massY, d2 = dx * dx + dy * dy;
        if (children == null || (!holdsI && (2 * half) * (2 * half) < theta * theta * d2)) {
            int m = holdsI ? count - 1 : count; // a leaf holding i holds it and points coincident with it
            if (m == 0) return 0;
            double w = 1 / (1 + d2);
            force[0] += m * w * w * dx;
            force[1] += m * w * w * dy;
            return m * w;
        }
        int own = holdsI ? quadrant(px, py) : -1;
        double z = 0;
        for (int q = 0; q < 4; q++) if (children[q] != null) z += children[q].repulsion(y, i, theta, force, q == own);
        return z;
    }
}
