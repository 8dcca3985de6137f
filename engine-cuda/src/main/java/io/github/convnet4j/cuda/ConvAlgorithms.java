package io.github.convnet4j.cuda;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import jcuda.jcudnn.JCudnn;
import jcuda.jcudnn.cudnnConvolutionBwdDataAlgo;
import jcuda.jcudnn.cudnnConvolutionBwdDataAlgoPerf;
import jcuda.jcudnn.cudnnConvolutionBwdFilterAlgo;
import jcuda.jcudnn.cudnnConvolutionBwdFilterAlgoPerf;
import jcuda.jcudnn.cudnnConvolutionFwdAlgo;
import jcuda.jcudnn.cudnnConvolutionFwdAlgoPerf;
import jcuda.jcudnn.cudnnDeterminism;
import jcuda.jcudnn.cudnnMathType;

/**
 * Picks cuDNN convolution algorithms with the {@code _v7} heuristics (no trial runs, so choosing
 * needs no scratch memory and no synchronization). Candidates are kept in a ranked list: first
 * those that fit the workspace limit and accumulate the products directly (implicit GEMM, GEMM,
 * direct), deterministic ones first (reproducible training); then the transform algorithms (FFT,
 * FFT tiling, Winograd), whose rounding grows with the transform and which missed the conformance
 * kit's float32 tolerance on an H200 (backward filter of 3x3 convolutions over 32-128 channels,
 * 1.6-2.6 times the tolerance); each group in cuDNN's own order; then the rest by workspace size.
 * If a chosen algorithm refuses to run, the caller moves on to the next one ({@link Choice#next()}).
 * With {@value CudaBackendProvider#FAST_CONV_PROPERTY} the transforms are not set back (resnet-small
 * trains 1.2 times faster on an H200).
 */
final class ConvAlgorithms {
    /** More than any direction's algorithm count in cuDNN 8 and 9. */
    private static final int REQUESTED = 16;
    /** Each direction's transform algorithms (FFT, FFT tiling, Winograd), ranked after the direct ones. */
    static final Set<Integer> FORWARD_TRANSFORMS = Set.of(cudnnConvolutionFwdAlgo.CUDNN_CONVOLUTION_FWD_ALGO_FFT,
            cudnnConvolutionFwdAlgo.CUDNN_CONVOLUTION_FWD_ALGO_FFT_TILING, cudnnConvolutionFwdAlgo.CUDNN_CONVOLUTION_FWD_ALGO_WINOGRAD,
            cudnnConvolutionFwdAlgo.CUDNN_CONVOLUTION_FWD_ALGO_WINOGRAD_NONFUSED);
    static final Set<Integer> BACKWARD_DATA_TRANSFORMS = Set.of(cudnnConvolutionBwdDataAlgo.CUDNN_CONVOLUTION_BWD_DATA_ALGO_FFT,
            cudnnConvolutionBwdDataAlgo.CUDNN_CONVOLUTION_BWD_DATA_ALGO_FFT_TILING, cudnnConvolutionBwdDataAlgo.CUDNN_CONVOLUTION_BWD_DATA_ALGO_WINOGRAD,
            cudnnConvolutionBwdDataAlgo.CUDNN_CONVOLUTION_BWD_DATA_ALGO_WINOGRAD_NONFUSED);
    static final Set<Integer> BACKWARD_FILTER_TRANSFORMS = Set.of(cudnnConvolutionBwdFilterAlgo.CUDNN_CONVOLUTION_BWD_FILTER_ALGO_FFT,
            cudnnConvolutionBwdFilterAlgo.CUDNN_CONVOLUTION_BWD_FILTER_ALGO_FFT_TILING, cudnnConvolutionBwdFilterAlgo.CUDNN_CONVOLUTION_BWD_FILTER_ALGO_WINOGRAD,
            cudnnConvolutionBwdFilterAlgo.CUDNN_CONVOLUTION_BWD_FILTER_ALGO_WINOGRAD_NONFUSED);

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
        return choose(d, all, limit, p, "forward", FORWARD_TRANSFORMS);
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
        return choose(d, all, limit, p, "backward data", BACKWARD_DATA_TRANSFORMS);
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
        return choose(d, all, limit, p, "backward filter", BACKWARD_FILTER_TRANSFORMS);
    }

    private static Choice choose(CudaDevice d, List<Candidate> all, long limit, ConvDescriptors p, String direction, Set<Integer> transforms) {
        List<Candidate> ranked = rank(all, limit, d.tf32(), fastConvolutions() ? Set.of() : transforms);
        if (ranked.isEmpty()) {
            throw Checks.error(d, "conv " + direction, "cuDNN offers no algorithm for " + p.describe()
                    + (d.tf32() ? "" : " without TF32 (of " + all.size() + " candidates)"));
        }
        return new Choice(ranked);
    }

    /**
     * The order in which to try {@code all} (cuDNN's heuristic order): within the workspace
     * {@code limit}, direct before transform algorithms and deterministic before not; then those
     * over the limit, smallest workspace first. Tensor-core (TF32) algorithms only with {@code tf32}.
     */
    static List<Candidate> rank(List<Candidate> all, long limit, boolean tf32, Set<Integer> transforms) {
        List<Candidate> usable = new ArrayList<>();
        for (Candidate c : all) if (tf32 || !usesTensorCores(c.mathType)) usable.add(c);
        List<Candidate> ranked = new ArrayList<>();
        for (boolean transform : new boolean[] {false, true}) {
            for (boolean deterministic : new boolean[] {true, false}) {
                for (Candidate c : usable) {
                    if (c.memory <= limit && transforms.contains(c.algo) == transform && c.deterministic == deterministic) ranked.add(c);
                }
            }
        }
        List<Candidate> big = new ArrayList<>();
        for (Candidate c : usable) if (c.memory > limit) big.add(c);
        big.sort(Comparator.comparingLong(Candidate::memory));
        ranked.addAll(big);
        return ranked;
    }

    /** Whether {@value CudaBackendProvider#FAST_CONV_PROPERTY} lets the transform algorithms keep cuDNN's rank. */
    static boolean fastConvolutions() { return Boolean.getBoolean(CudaBackendProvider.FAST_CONV_PROPERTY); }

    /** Tensor-op math on F32 data means TF32, which stays off unless asked for. */
    private static boolean usesTensorCores(int mathType) {
        return mathType == cudnnMathType.CUDNN_TENSOR_OP_MATH || mathType == cudnnMathType.CUDNN_TENSOR_OP_MATH_ALLOW_CONVERSION;
    }
}
