package io.github.convnet4j.cuda;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jcuda.jcudnn.JCudnn;
import jcuda.jcudnn.cudnnDataType;
import jcuda.jcudnn.cudnnFilterDescriptor;
import jcuda.jcudnn.cudnnTensorDescriptor;
import jcuda.jcudnn.cudnnTensorFormat;

/**
 * cuDNN tensor and filter descriptors for F32 NCHW, cached by their four dimensions so a training
 * step creates none after the first. Destroyed with the device.
 */
final class CudnnDescriptors implements AutoCloseable {
    private final CudaDevice device;
    private final Map<List<Integer>, cudnnTensorDescriptor> tensors = new HashMap<>();
    private final Map<List<Integer>, cudnnFilterDescriptor> filters = new HashMap<>();

    CudnnDescriptors(CudaDevice device) { this.device = device; }

    /** A packed NCHW F32 tensor descriptor {@code (n, c, h, w)}. */
    cudnnTensorDescriptor tensor(int n, int c, int h, int w) {
        List<Integer> key = List.of(n, c, h, w);
        cudnnTensorDescriptor d = tensors.get(key);
        if (d != null) return d;
        d = new cudnnTensorDescriptor();
        CudaErrors.cudnn(JCudnn.cudnnCreateTensorDescriptor(d), "cudnnCreateTensorDescriptor", null, device.label());
        int status = JCudnn.cudnnSetTensor4dDescriptor(d, cudnnTensorFormat.CUDNN_TENSOR_NCHW, cudnnDataType.CUDNN_DATA_FLOAT, n, c, h, w);
        if (status != 0) {
            JCudnn.cudnnDestroyTensorDescriptor(d);
            CudaErrors.cudnn(status, "cudnnSetTensor4dDescriptor", "(" + n + ", " + c + ", " + h + ", " + w + ")", device.label());
        }
        tensors.put(key, d);
        return d;
    }

    /** An F32 NCHW filter descriptor {@code (k, c, r, s)}. */
    cudnnFilterDescriptor filter(int k, int c, int r, int s) {
        List<Integer> key = List.of(k, c, r, s);
        cudnnFilterDescriptor d = filters.get(key);
        if (d != null) return d;
        d = new cudnnFilterDescriptor();
        CudaErrors.cudnn(JCudnn.cudnnCreateFilterDescriptor(d), "cudnnCreateFilterDescriptor", null, device.label());
        int status = JCudnn.cudnnSetFilter4dDescriptor(d, cudnnDataType.CUDNN_DATA_FLOAT, cudnnTensorFormat.CUDNN_TENSOR_NCHW, k, c, r, s);
        if (status != 0) {
            JCudnn.cudnnDestroyFilterDescriptor(d);
            CudaErrors.cudnn(status, "cudnnSetFilter4dDescriptor", "(" + k + ", " + c + ", " + r + ", " + s + ")", device.label());
        }
        filters.put(key, d);
        return d;
    }

    /** A packed F32 tensor descriptor of any rank (3 to 8), e.g. {@code (n, c, d, h, w)}. */
    cudnnTensorDescriptor tensorNd(int... dims) {
        List<Integer> key = new java.util.ArrayList<>();
        for (int v : dims) key.add(v);
        key.add(-dims.length);   // never equal to a 4-d key of the same numbers
        cudnnTensorDescriptor d = tensors.get(key);
        if (d != null) return d;
        int[] strides = new int[dims.length];
        int stride = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            strides[i] = stride;
            stride *= dims[i];
        }
        d = new cudnnTensorDescriptor();
        CudaErrors.cudnn(JCudnn.cudnnCreateTensorDescriptor(d), "cudnnCreateTensorDescriptor", null, device.label());
        int status = JCudnn.cudnnSetTensorNdDescriptor(d, cudnnDataType.CUDNN_DATA_FLOAT, dims.length, dims, strides);
        if (status != 0) {
            JCudnn.cudnnDestroyTensorDescriptor(d);
            CudaErrors.cudnn(status, "cudnnSetTensorNdDescriptor", java.util.Arrays.toString(dims), device.label());
        }
        tensors.put(key, d);
        return d;
    }

    /** An F32 NC... filter descriptor of any rank, e.g. {@code (k, c, t, r, s)}. */
    cudnnFilterDescriptor filterNd(int... dims) {
        List<Integer> key = new java.util.ArrayList<>();
        for (int v : dims) key.add(v);
        key.add(-dims.length);
        cudnnFilterDescriptor d = filters.get(key);
        if (d != null) return d;
        d = new cudnnFilterDescriptor();
        CudaErrors.cudnn(JCudnn.cudnnCreateFilterDescriptor(d), "cudnnCreateFilterDescriptor", null, device.label());
        int status = JCudnn.cudnnSetFilterNdDescriptor(d, cudnnDataType.CUDNN_DATA_FLOAT, cudnnTensorFormat.CUDNN_TENSOR_NCHW, dims.length, dims);
        if (status != 0) {
            JCudnn.cudnnDestroyFilterDescriptor(d);
            CudaErrors.cudnn(status, "cudnnSetFilterNdDescriptor", java.util.Arrays.toString(dims), device.label());
        }
        filters.put(key, d);
        return d;
    }

    @Override public void close() {
        for (cudnnTensorDescriptor d : tensors.values()) JCudnn.cudnnDestroyTensorDescriptor(d);
        for (cudnnFilterDescriptor d : filters.values()) JCudnn.cudnnDestroyFilterDescriptor(d);
        tensors.clear();
        filters.clear();
    }
}
