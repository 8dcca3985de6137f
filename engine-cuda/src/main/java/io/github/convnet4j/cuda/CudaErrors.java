package io.github.convnet4j.cuda;

import io.github.convnet4j.backend.BackendException;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import jcuda.jcublas.cublasStatus;
import jcuda.jcudnn.JCudnn;
import jcuda.nvrtc.nvrtcResult;

/**
 * Turns the status codes of the driver API, cuBLAS, cuDNN and NVRTC into {@link BackendException}s
 * whose message names the op, what it was working on and the device. JCuda's own exceptions stay
 * disabled so every native failure goes through here.
 */
final class CudaErrors {
    private CudaErrors() {}

    /** Checks a driver API result. */
    static void driver(int result, String op, Object detail, String device) {
        if (result != CUresult.CUDA_SUCCESS) throw new BackendException(message(op, detail, device, driverName(result)));
    }

    /** Checks a cuBLAS status. */
    static void cublas(int status, String op, Object detail, String device) {
        if (status != cublasStatus.CUBLAS_STATUS_SUCCESS) {
            throw new BackendException(message(op, detail, device, "cuBLAS " + cublasStatus.stringFor(status) + " (" + status + ")"));
        }
    }

    /** Checks a cuDNN status; the text comes from the loaded libcudnn because cuDNN 9 renumbered its codes. */
    static void cudnn(int status, String op, Object detail, String device) {
        if (status != 0) throw new BackendException(message(op, detail, device, "cuDNN " + cudnnName(status)));
    }

    /** Checks an NVRTC result. */
    static void nvrtc(int result, String op, Object detail) {
        if (result != nvrtcResult.NVRTC_SUCCESS) {
            throw new BackendException("cuda " + op + ": NVRTC " + nvrtcResult.stringFor(result) + " (" + detail + ")");
        }
    }

    /** The driver's name for a result code, e.g. {@code CUDA_ERROR_OUT_OF_MEMORY (2)}. */
    static String driverName(int result) {
        try {
            String[] name = new String[1];
            if (JCudaDriver.cuGetErrorName(result, name) == CUresult.CUDA_SUCCESS && name[0] != null) return name[0] + " (" + result + ")";
        } catch (Throwable ignored) {
            // fall back to JCuda's table below
        }
        return CUresult.stringFor(result) + " (" + result + ")";
    }

    static String cudnnName(int status) {
        try {
            return JCudnn.cudnnGetErrorString(status) + " (" + status + ")";
        } catch (Throwable t) {
            return "status " + status;
        }
    }

    private static String message(String op, Object detail, String device, String what) {
        StringBuilder b = new StringBuilder("cuda ").append(op).append(": ").append(what);
        if (detail != null && !detail.toString().isEmpty()) b.append("; ").append(detail);
        if (device != null) b.append(" on ").append(device);
        return b.toString();
    }
}
