package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.conformance.BackendRequirement;
import java.util.concurrent.TimeUnit;

/** Debian's Python, which the tests that ask ONNX's and PyTorch's own code use where it is installed. */
public final class Python {
    /** The interpreter that has Debian's python3-onnx and python3-torch (a pyenv python3 may not). */
    public static final String PATH = "/usr/bin/python3";

    private Python() {}

    /**
     * Skips the calling test unless {@link #PATH} can import {@code module} (Debian package
     * {@code debianPackage}); fails instead where {@code -Dconvnet.require} lists the module, as
     * CI's profile does, since .ci/run installs the package ({@link BackendRequirement#assume}).
     */
    public static void assumeModule(String module, String debianPackage) {
        BackendRequirement.assume(module, canImport(module), PATH + " cannot import " + module + " (Debian " + debianPackage + " is not installed)");
    }

    /** Whether {@link #PATH} can import {@code module}. */
    public static boolean canImport(String module) {
        try {
            Process p = new ProcessBuilder(PATH, "-c", "import " + module).redirectErrorStream(true).start();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
