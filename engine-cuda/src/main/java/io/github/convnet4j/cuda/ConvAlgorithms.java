package io.github.convnet4j.cuda;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import jcuda.jcudnn.JCudnn;
import jcuda.jcudnn.cudnnConvolutionBwdDataAlgoPerf;
import jcuda.jcudnn.cudnnConvolutionBwdFilterAlgoPerf;
import jcuda.jcudnn.cudnnConvolutionFwdAlgoPerf;
import jcuda.jcudnn.cudnnDeterminism;
import jcuda.jcudnn.cudnnMathType;

/**
 * Picks cuDNN convolution algorithms with the {@code _v7} heuristics (no trial runs, so choosing
 * needs no scratch memory and no synchronization). Candidates are kept in a ranked list: those
 * that fit the workspace limit, deterministic ones first (reproducible training), each group in
 * cuDNN's own order; then the rest by workspace size. If a chosen algorithm refuses to run, the
 * caller moves on to the next one ({@link Choice#next()}).
 */
final class ConvAlgorithms {
    /** More than any direction's algorithm count in cuDNN 8 and 9. */
    private static final int REQUESTED = 16;

    /** One algorithm as the heuristics described it. */
    record Candidate(int algo, long memory, boolean deterministic, int mathType) {}

    /** The ranked candidates of one direction and the one currently used. */
    static final class Choice {
        private final List<Candidate> ranked;
        private int index;

        Choice(List<Candidate> ranked) { this.ranked = ranked; }

        Candidate current() { return index < ranked.size() ? ranked.get(index) : null; }

        /** Moves to the next candidate after the current one failed; false when none is left. */
        boolean next() { return ++index < ranked.size(); }

        @Override public String toString() {
            Candidate c = current();
            return c == null ? "no algorithm" : "algo " + c.algo + " (" + CudaDevice.mib(c.memory) + " workspace"
                    + (c.deterministic ? ", deterministic" : "") + ")";
        }
    }

    private ConvAlgorithms() {}

    static Choice forward(CudaDevice d, ConvDescriptors p, long limit) {
        cudnnConvolutionFwdAlgoPerf[] perf = new cudnnConvolutionFwdAlgoPerf[REQUESTED];
        for (int i = 0; i < perf.length; i++) perf[i] = new cudnnConvolutionFwdAlgoPerf();
        int[] returned = new int[1];
        CudaErrors.cudnn(JCudnn.cudnnGetConvolutionForwardAlgorithm_v7(d.cudnn(), p.x(), p.w(), p.conv(), p.y(), REQUESTED, returned, perf),
                "cudnnGetConvolutionForwardAlgorithm_v7", p.describe(), d.label());
        List<Candidate> all = new ArrayList<>();
        for (int i = 0; i < returned[0]; i++) {
            if (perf[i].status == 0) all.add(new Candidate(perf[i].algo, perf[i].memory, perf[i].determinism == cudnnDeterminism.CUDNN_DETERMINISTIC, perf[i].mathType));
        }
        return rank(d, all, limit, p, "forward");
    }

    static Choice backwardData(CudaDevice d, ConvDescriptors p, long limit) {
        cudnnConvolutionBwdDataAlgoPerf[] perf = new cudnnConvolutionBwdDataAlgoPerf[REQUESTED];
        for (int i = 0; i < perf.length; i++) perf[i] = new cudnnConvolutionBwdDataAlgoPerf();
        int[] returned = new int[1];
        CudaErrors.cudnn(JCudnn.cudnnGetConvolutionBackwardDataAlgorithm_v7(d.cudnn(), p.w(), p.y(), p.conv(), p.x(), REQUESTED, returned, perf),
                "cudnnGetConvolutionBackwardDataAlgorithm_v7", p.describe(), d.label());
        List<Candidate> all = new ArrayList<>();
        for (int i = 0; i < returned[0]; i++) {
            if (perf[i].status == 0) all.add(new Candidate(perf[i].algo, perf[i].memory, perf[i].determinism == cudnnDeterminism.CUDNN_DETERMINISTIC, perf[i].mathType));
        }
        return rank(d, all, limit, p, "backward data");
    }

    static Choice backwardFilter(CudaDevice d, ConvDescriptors p, long limit) {
        cudnnConvolutionBwdFilterAlgoPerf[] perf = new cudnnConvolutionBwdFilterAlgoPerf[REQUESTED];
        for (int i = 0; i < perf.length; i++) perf[i] = new cudnnConvolutionBwdFilterAlgoPerf();
        int[] returned = new int[1];
        CudaErrors.cudnn(JCudnn.cudnnGetConvolutionBackwardFilterAlgorithm_v7(d.cudnn(), p.x(), p.y(), p.conv(), p.w(), REQUESTED, returned, perf),
                "cudnnGetConvolutionBackwardFilterAlgorithm_v7", p.describe(), d.label());
        List<Candidate> all = new ArrayList<>();
        for (int i = 0; i < returned[0]; i++) {
            if (perf[i].status == 0) all.add(new Candidate(perf[i].algo, perf[i].memory, perf[i].determinism == cudnnDeterminism.CUDNN_DETERMINISTIC, perf[i].mathType));
        }
        return rank(d, all, limit, p, "backward filter");
    }

    private static Choice rank(CudaDevice d, List<Candidate> all, long limit, ConvDescriptors p, String direction) {
        List<Candidate> usable = new ArrayList<>();
        for (Candidate c : all) if (d.tf32() || !usesTensorCores(c.mathType)) usable.add(c);
        List<Candidate> ranked = new ArrayList<>();
        for (Candidate c : usable) if (c.memory <= limit && c.deterministic) ranked.add(c);
        for (Candidate c : usable) if (c.memory <= limit && !c.deterministic) ranked.add(c);
        List<Candidate> big = new ArrayList<>();
        for (Candidate c : usable) if (c.memory > limit) big.add(c);
        big.sort(Comparator.comparingLong(Candidate::memory));
        ranked.addAll(big);
        if (ranked.isEmpty()) {
            throw Checks.error(d, "conv " + direction, "cuDNN offers no algorithm for " + p.describe()
                    + (d.tf32() ? "" : " without TF32 (of " + all.size() + " candidates)"));
        }
        return new Choice(ranked);
    }

    /** Tensor-op math on F32 data means TF32, which stays off unless asked for. */
    private static boolean usesTensorCores(int mathType) {
        return mathType == cudnnMathType.CUDNN_TENSOR_OP_MATH || mathType == cudnnMathType.CUDNN_TENSOR_OP_MATH_ALLOW_CONVERSION;
    }
}
