package io.github.convnet4j.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.convnet4j.conformance.Tolerance;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Device reductions against float64 host sums, at sizes below, at and far above one work-group. */
class ReductionReferenceTest {
    @Test
    void sums() {
        OpenClBackend b = SharedOpenCl.backend();
        for (int n : new int[] {1, 255, 256, 257, 100_003, 1 << 21}) {
            float[] x = HostData.uniform(n, n);
            double s = 0, sq = 0, abs = 0;
            for (float v : x) { s += v; sq += (double) v * v; abs += Math.abs(v); }
            try (Tensor t = HostData.upload(b, Shape.of(n), x)) {
                Tolerance tol = Tolerance.f32Sum(n, 1);
                tol.assertClose("sum n=" + n, s, b.reduction().sum(t));
                tol.assertClose("sumOfSquares n=" + n, sq, b.reduction().sumOfSquares(t));
                tol.assertClose("sumOfAbs n=" + n, abs, b.reduction().sumOfAbs(t));
            }
        }
    }

    @Test
    void argmaxMatches() {
        OpenClBackend b = SharedOpenCl.backend();
        int rows = 1000, cols = 10;
        float[] scores = HostData.uniform(50, rows * cols), targets = new float[rows * cols];
        long expected = 0;
        for (int r = 0; r < rows; r++) {
            int label = (r * 3) % cols;
            targets[r * cols + label] = 1;
            if (r % 5 == 0) scores[r * cols + 9] = scores[r * cols + 2] = 5;  // tie: the first (2) wins
            int best = 0;
            for (int j = 1; j < cols; j++) if (scores[r * cols + j] > scores[r * cols + best]) best = j;
            if (best == label) expected++;
        }
        try (Tensor s = HostData.upload(b, Shape.of(rows, cols), scores); Tensor t = HostData.upload(b, Shape.of(rows, cols), targets)) {
            assertEquals(expected, b.reduction().countArgmaxMatches(s, t));
        }
        float[] logits = {-1, 0, 2, -0.5f, 3}, binary = {0, 1, 1, 1, 0.4f};
        try (Tensor s = HostData.upload(b, Shape.of(5, 1), logits); Tensor t = HostData.upload(b, Shape.of(5, 1), binary)) {
            assertEquals(3, b.reduction().countArgmaxMatches(s, t), "one column: sign of the logit against target >= 0.5");
        }
    }
}
