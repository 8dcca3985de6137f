package io.github.convnet4j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.convnet4j.cuda.ConvAlgorithms.Candidate;
import java.util.List;
import jcuda.jcudnn.cudnnConvolutionBwdFilterAlgo;
import jcuda.jcudnn.cudnnConvolutionFwdAlgo;
import jcuda.jcudnn.cudnnMathType;
import org.junit.jupiter.api.Test;

/**
 * The order in which cuDNN's algorithms are tried (no GPU needed: the ranking is plain Java). On an
 * H200 cuDNN's heuristics put deterministic transform algorithms first for 3x3 backward-filter
 * passes over 32-128 channels, and those missed the conformance kit's float32 tolerance by 1.6-2.6
 * times; direct algorithms come first now.
 */
class ConvAlgorithmsTest {
    private static final int FMA = cudnnMathType.CUDNN_FMA_MATH, TENSOR = cudnnMathType.CUDNN_TENSOR_OP_MATH;
    private static final long LIMIT = 1000;

    private static Candidate c(int algo, long memory, boolean deterministic, int math) { return new Candidate(algo, memory, deterministic, math); }

    @Test
    void directBeforeTransformDeterministicBeforeNotThenOverTheLimitBySize() {
        Candidate fftTiling = c(cudnnConvolutionBwdFilterAlgo.CUDNN_CONVOLUTION_BWD_FILTER_ALGO_FFT_TILING, 500, true, FMA);
        Candidate winograd = c(cudnnConvolutionBwdFilterAlgo.CUDNN_CONVOLUTION_BWD_FILTER_ALGO_WINOGRAD_NONFUSED, 400, true, FMA);
        Candidate algo0 = c(cudnnConvolutionBwdFilterAlgo.CUDNN_CONVOLUTION_BWD_FILTER_ALGO_0, 0, false, FMA);
        Candidate algo1 = c(cudnnConvolutionBwdFilterAlgo.CUDNN_CONVOLUTION_BWD_FILTER_ALGO_1, 100, true, FMA);
        Candidate fftBig = c(cudnnConvolutionBwdFilterAlgo.CUDNN_CONVOLUTION_BWD_FILTER_ALGO_FFT, 5000, true, FMA);
        Candidate algo3Big = c(cudnnConvolutionBwdFilterAlgo.CUDNN_CONVOLUTION_BWD_FILTER_ALGO_3, 2000, true, FMA);
        // cuDNN's heuristic order, as the H200 gave it for the failing cases: transforms first.
        List<Candidate> heuristic = List.of(fftTiling, fftBig, winograd, algo0, algo3Big, algo1);
        assertEquals(List.of(algo1, algo0, fftTiling, winograd, algo3Big, fftBig),
                ConvAlgorithms.rank(heuristic, LIMIT, false, ConvAlgorithms.BACKWARD_FILTER_TRANSFORMS));
        // --fast-conv: no transform is set back, so cuDNN's order stays within each group.
        assertEquals(List.of(fftTiling, winograd, algo1, algo0, algo3Big, fftBig), ConvAlgorithms.rank(heuristic, LIMIT, false, java.util.Set.of()));
    }

    @Test
    void eachDirectionNamesItsOwnTransforms() {
        // The same number means another algorithm in another direction: 2 is GEMM forward, FFT backward.
        Candidate two = c(2, 0, true, FMA), one = c(1, 0, true, FMA);
        assertEquals(List.of(two, one), ConvAlgorithms.rank(List.of(two, one), LIMIT, false, ConvAlgorithms.FORWARD_TRANSFORMS));
        assertEquals(List.of(one, two), ConvAlgorithms.rank(List.of(two, one), LIMIT, false, ConvAlgorithms.BACKWARD_DATA_TRANSFORMS));
        assertEquals(List.of(one, two), ConvAlgorithms.rank(List.of(two, one), LIMIT, false, ConvAlgorithms.BACKWARD_FILTER_TRANSFORMS));
        Candidate three = c(cudnnConvolutionFwdAlgo.CUDNN_CONVOLUTION_FWD_ALGO_DIRECT, 0, true, FMA);
        assertEquals(List.of(three, one), ConvAlgorithms.rank(List.of(three, one), LIMIT, false, ConvAlgorithms.FORWARD_TRANSFORMS),
                "forward 3 (direct) is no transform: cuDNN's order stays");
        assertEquals(List.of(one, three), ConvAlgorithms.rank(List.of(three, one), LIMIT, false, ConvAlgorithms.BACKWARD_DATA_TRANSFORMS),
                "backward data 3 is FFT tiling");
        assertEquals(List.of(three, one), ConvAlgorithms.rank(List.of(three, one), LIMIT, false, ConvAlgorithms.BACKWARD_FILTER_TRANSFORMS),
                "backward filter 3 is a direct algorithm");
        Candidate winograd = c(cudnnConvolutionBwdFilterAlgo.CUDNN_CONVOLUTION_BWD_FILTER_ALGO_WINOGRAD, 0, true, FMA);
        assertEquals(List.of(one, winograd), ConvAlgorithms.rank(List.of(winograd, one), LIMIT, false, ConvAlgorithms.BACKWARD_FILTER_TRANSFORMS));
    }

    @Test
    void tensorCoreAlgorithmsOnlyWithTf32() {
        Candidate tensor = c(1, 0, true, TENSOR), fma = c(0, 0, true, FMA);
        assertEquals(List.of(fma), ConvAlgorithms.rank(List.of(tensor, fma), LIMIT, false, ConvAlgorithms.FORWARD_TRANSFORMS));
        assertEquals(List.of(tensor, fma), ConvAlgorithms.rank(List.of(tensor, fma), LIMIT, true, ConvAlgorithms.FORWARD_TRANSFORMS));
        assertEquals(List.of(), ConvAlgorithms.rank(List.of(tensor), LIMIT, false, ConvAlgorithms.FORWARD_TRANSFORMS));
    }
}
