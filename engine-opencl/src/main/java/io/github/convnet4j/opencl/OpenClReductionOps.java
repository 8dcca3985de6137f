package io.github.convnet4j.opencl;

import io.github.convnet4j.backend.ops.ReductionOps;
import io.github.convnet4j.tensor.Tensor;

/**
 * {@link ReductionOps} on {@code reduction.cl}: a fixed grid of work-groups each writes one partial,
 * and only those few partials travel to the host, where they are added in double precision.
 */
final class OpenClReductionOps implements ReductionOps {
    private static final String FAMILY = "reduction";
    private static final int GROUP_CAP = 256;
    /** Upper bound on partials: enough groups to fill a GPU, few enough to read back cheaply. */
    private static final int MAX_GROUPS = 256;
    private static final int MODE_SUM = 0, MODE_SQUARES = 1, MODE_ABS = 2;

    private final OpenClBackend backend;
    private final float[] partials = new float[MAX_GROUPS];
    private final int[] counts = new int[MAX_GROUPS];

    OpenClReductionOps(OpenClBackend backend) { this.backend = backend; }

    @Override public double sum(Tensor t) { return reduce("sum", t, MODE_SUM); }

    @Override public double sumOfSquares(Tensor t) { return reduce("sumOfSquares", t, MODE_SQUARES); }

    @Override public double sumOfAbs(Tensor t) { return reduce("sumOfAbs", t, MODE_ABS); }

    private double reduce(String op, Tensor t, int mode) {
        return sumOf(backend.checks().buffer(op, "t", t), (int) t.size(), mode);
    }

    /** Sum of the first {@code n} values of {@code b}, waiting for the queue. */
    double sum(ClBuffer b, int n) { return sumOf(b, n, MODE_SUM); }

    private double sumOf(ClBuffer b, int n, int mode) {
        ClKernel k = backend.programs().family(FAMILY, "").kernel("reduce_partials");
        int group = k.powerOfTwoGroupSize(GROUP_CAP);
        int groups = groupsFor(n, group);
        ClBuffer out = backend.scratch().get("reduction partials", MAX_GROUPS);
        backend.call(k).buf(b).i(n).i(mode).buf(out).local((long) group * Float.BYTES).runGroups(groups, group);
        backend.read(out, partials, groups);
        double s = 0;
        for (int g = 0; g < groups; g++) s += partials[g];
        return s;
    }

    @Override public long countArgmaxMatches(Tensor scores, Tensor targets) {
        Checks chk = backend.checks();
        String op = "countArgmaxMatches";
        ClBuffer bs = chk.buffer(op, "scores", scores), bt = chk.buffer(op, "targets", targets);
        chk.shape(op, "targets", targets, scores.shape());
        int rows = scores.dim(0), cols = scores.shape().sampleSize();
        ClKernel k = backend.programs().family(FAMILY, "").kernel("argmax_match_partials");
        int group = k.powerOfTwoGroupSize(GROUP_CAP);
        int groups = groupsFor(rows, group);
        ClBuffer out = backend.scratch().get("argmax partials", MAX_GROUPS);
        backend.call(k).buf(bs).buf(bt).i(rows).i(cols).buf(out).local((long) group * Integer.BYTES).runGroups(groups, group);
        backend.read(out, counts, groups);
        long total = 0;
        for (int g = 0; g < groups; g++) total += counts[g];
        return total;
    }

    private static int groupsFor(int n, int group) {
        return (int) Math.max(1, Math.min(MAX_GROUPS, ((long) n + group - 1) / group));
    }
}
