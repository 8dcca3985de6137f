package io.github.convnet4j.cli;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.BackendRegistry;
import picocli.CommandLine.Option;

/** The options every command that runs a model shares: which device, TF32 and fast convolutions on CUDA, verbosity. */
final class DeviceOptions {
    @Option(names = "--device", defaultValue = "auto", paramLabel = "D", converter = OptionValues.Device.class,
            description = "auto, cpu, opencl[:platform:device], cuda[:index]. Default: ${DEFAULT-VALUE}.")
    String device;

    @Option(names = "--tf32", description = "Allow TF32 tensor-core math on CUDA (faster, ~1e-3 relative error). Off by default.")
    boolean tf32;

    @Option(names = "--fast-conv", description = "Let cuDNN use its FFT and Winograd convolution algorithms first on CUDA "
            + "(resnet-small 1.2x faster on an H200; float32 rounding up to ~3x the conformance tolerance). Off by default.")
    boolean fastConv;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    /** Opens the chosen backend; the choice and every skipped backend go to stderr. */
    Backend open() {
        if (tf32) System.setProperty("convnet.cuda.tf32", "true");
        if (fastConv) System.setProperty("convnet.cuda.fastConv", "true");
        return BackendRegistry.discover().open(device, line -> System.err.println(line));
    }
}
