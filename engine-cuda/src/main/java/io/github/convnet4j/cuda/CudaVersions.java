package io.github.convnet4j.cuda;

import java.nio.charset.StandardCharsets;
import jcuda.driver.CUdevice;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasStatus;
import jcuda.jcudnn.JCudnn;
import jcuda.libraryPropertyType;

/**
 * Version strings of the loaded native pieces, for probe reasons, {@code convnet devices} and error
 * messages. Each method assumes its JCuda class already loaded (see {@link CudaProbe}).
 */
final class CudaVersions {
    private CudaVersions() {}

    /** The CUDA version the driver supports, e.g. {@code "13.0"}; works before cuInit. */
    static String driver() {
        int[] v = new int[1];
        if (JCudaDriver.cuDriverGetVersion(v) != CUresult.CUDA_SUCCESS) return "?";
        return v[0] / 1000 + "." + (v[0] % 1000) / 10;
    }

    /** The driver's CUDA version as the integer the driver reports (e.g. 13000). */
    static int driverInt() {
        int[] v = new int[1];
        return JCudaDriver.cuDriverGetVersion(v) == CUresult.CUDA_SUCCESS ? v[0] : 0;
    }

    static String deviceName(CUdevice device) {
        byte[] name = new byte[256];
        if (JCudaDriver.cuDeviceGetName(name, name.length, device) != CUresult.CUDA_SUCCESS) return "?";
        int end = 0;
        while (end < name.length && name[end] != 0) end++;
        return new String(name, 0, end, StandardCharsets.US_ASCII).trim();
    }

    /** The loaded libcublas version, e.g. {@code "12.6.4"}; needs no GPU. */
    static String cublas() {
        int[] major = new int[1];
        int[] minor = new int[1];
        int[] patch = new int[1];
        if (JCublas2.cublasGetProperty(libraryPropertyType.MAJOR_VERSION, major) != cublasStatus.CUBLAS_STATUS_SUCCESS
                || JCublas2.cublasGetProperty(libraryPropertyType.MINOR_VERSION, minor) != cublasStatus.CUBLAS_STATUS_SUCCESS
                || JCublas2.cublasGetProperty(libraryPropertyType.PATCH_LEVEL, patch) != cublasStatus.CUBLAS_STATUS_SUCCESS) {
            return "?";
        }
        return major[0] + "." + minor[0] + "." + patch[0];
    }

    /** The loaded libcudnn version, e.g. {@code "9.5.1"}; needs no GPU. */
    static String cudnn() {
        return decodeCudnn(JCudnn.cudnnGetVersion());
    }

    /** The CUDA runtime version libcudnn was built against, e.g. {@code "12.6"}. */
    static String cudnnCudart() {
        long v = JCudnn.cudnnGetCudartVersion();
        return v / 1000 + "." + (v % 1000) / 10;
    }

    /**
     * cuDNN 9 encodes its version as {@code major*10000 + minor*100 + patch}; cuDNN 8 and older used
     * {@code major*1000 + minor*100 + patch}.
     */
    static String decodeCudnn(long v) {
        if (v >= 90000) return v / 10000 + "." + (v % 10000) / 100 + "." + v % 100;
        return v / 1000 + "." + (v % 1000) / 100 + "." + v % 100;
    }

    /** The cuDNN major version from {@link JCudnn#cudnnGetVersion()}. */
    static int cudnnMajor(long v) {
        return (int) (v >= 90000 ? v / 10000 : v / 1000);
    }
}
