package io.github.convnet4j.backend.ops;

import io.github.convnet4j.tensor.Tensor;

/** Reductions that return one scalar to the host (and so wait for pending ops). */
public interface ReductionOps {
    /** Sum of all elements. */
    double sum(Tensor t);

    /** Sum of squares (the squared L2 norm). */
    double sumOfSquares(Tensor t);

    /** Sum of absolute values (the L1 norm). */
    double sumOfAbs(Tensor t);

    /**
     * Number of rows of {@code scores (N, F)} whose argmax (first on ties) equals the argmax of the
     * same row of {@code targets (N, F)}. For F == 1 a row counts when {@code scores >= 0} (a logit)
     * matches {@code target >= 0.5}.
     */
    long countArgmaxMatches(Tensor scores, Tensor targets);
}
