package io.github.convnet4j.cuda;

import jcuda.jcudnn.cudnnConvolutionDescriptor;
import jcuda.jcudnn.cudnnFilterDescriptor;
import jcuda.jcudnn.cudnnTensorDescriptor;

/** The cuDNN descriptors of one convolution shape (2-D or N-d), as {@link ConvAlgorithms} reads them. */
interface ConvDescriptors {
    cudnnTensorDescriptor x();

    cudnnTensorDescriptor y();

    cudnnFilterDescriptor w();

    cudnnConvolutionDescriptor conv();

    /** The shapes in words, for errors and logs. */
    String describe();
}
