package io.github.convnet4j.cuda;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.BackendException;
import io.github.convnet4j.backend.BackendProvider;
import io.github.convnet4j.backend.DeviceInfo;
import io.github.convnet4j.backend.Probe;
import java.util.List;
import java.util.Locale;

/**
 * The {@code cuda} backend: NVIDIA GPUs through JCuda (driver API), cuBLAS and cuDNN, with the
 * project's own kernels compiled by NVRTC. Priority 300, the highest. Nothing native is loaded
 * until {@link #probe()}, {@link #devices()} or {@link #open(String)}.
 *
 * <p>TF32 tensor-core math is off unless the system property {@value #TF32_PROPERTY} is
 * {@code true} (the CLI's {@code --tf32}) or {@link #open(String, boolean)} asks for it.
 *
 * <p>cuDNN's FFT and Winograd convolution algorithms are tried only after the direct ones unless
 * {@value #FAST_CONV_PROPERTY} is {@code true} ({@link ConvAlgorithms}).
 *
 * <p>Pooling runs in cuDNN where cuDNN can express the case, unless {@value #POOL_PROPERTY} is
 * {@code kernels}: then {@code pool.cu} runs every case (both follow the SPI's rules; the switch
 * exists so a GPU run can take cuDNN out of the picture without a rebuild).
 */
public final class CudaBackendProvider implements BackendProvider {
    /** System property that turns on TF32 for cuBLAS and cuDNN. */
    public static final String TF32_PROPERTY = "convnet.cuda.tf32";

    /**
     * System property that lets cuDNN's FFT and Winograd convolution algorithms come first, in
     * cuDNN's own order (the CLI's {@code --fast-conv}). Off by default: their float32 rounding
     * missed the conformance tolerance by up to 2.6 times on an H200, for resnet-small 1.2 times
     * faster training (docs/gpu-results.md).
     */
    public static final String FAST_CONV_PROPERTY = "convnet.cuda.fastConv";

    /** System property choosing the pooling implementation: {@code cudnn} (default) or {@code kernels}. */
    public static final String POOL_PROPERTY = "convnet.cuda.pool";

    @Override public String name() { return "cuda"; }

    @Override public int priority() { return 300; }

    @Override public Probe probe() { return CudaProbe.get().probe(); }

    @Override public List<DeviceInfo> devices() { return CudaProbe.get().devices(); }

    /** Opens {@code cuda:<id>} (default device 0) with TF32 as {@value #TF32_PROPERTY} says. */
    @Override public Backend open(String deviceId) {
        return open(deviceId, Boolean.getBoolean(TF32_PROPERTY));
    }

    /**
     * Opens {@code cuda:<id>}.
     *
     * @param deviceId {@code ""} for device 0, else the device ordinal
     * @param tf32     whether F32 matrix products and convolutions may use TF32 tensor cores
     * @throws BackendException with the probe's reason when CUDA is unavailable, or the open failure
     */
    public Backend open(String deviceId, boolean tf32) {
        CudaProbe.Result r = CudaProbe.get();
        if (!r.probe().available()) throw new BackendException("cuda is not available: " + r.probe().reason());
        int ordinal;
        String id = deviceId == null ? "" : deviceId.trim();
        try {
            ordinal = id.isEmpty() ? 0 : Integer.parseInt(id);
        } catch (NumberFormatException e) {
            throw new BackendException("cuda: device id '" + deviceId + "' is not a number (use --device cuda or cuda:<n>)");
        }
        boolean cudnnPooling = cudnnPooling(System.getProperty(POOL_PROPERTY));
        return new CudaBackend(new CudaDevice(ordinal, tf32, r.nvrtcAvailable()), r.probe().reason(), cudnnPooling);
    }

    /**
     * Whether {@value #POOL_PROPERTY}'s value asks for cuDNN pooling: null, blank or {@code cudnn}
     * yes, {@code kernels} no.
     *
     * @throws BackendException for any other value, naming the property and the choices
     */
    static boolean cudnnPooling(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "", "cudnn" -> true;
            case "kernels" -> false;
            default -> throw new BackendException("cuda: -D" + POOL_PROPERTY + "=" + value + " is not a pooling choice (use cudnn or kernels)");
        };
    }
}
