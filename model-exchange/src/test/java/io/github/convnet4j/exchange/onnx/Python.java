package io.github.convnet4j.exchange.onnx;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Debian's Python, which the tests that ask ONNX's and PyTorch's own code use where it is installed. */
public final class Python {
    /** The interpreter that has Debian's python3-onnx and python3-torch (a pyenv python3 may not). */
    public static final String PATH = "/usr/bin/python3";

    private Python() {}

    /**
     * Skips the calling test unless {@link #PATH} can import {@code module} (Debian package
     * {@code debianPackage}); fails instead where {@code -Dconvnet.require} lists the module, as
     * CI's profile does, since .ci/run installs the package.
     */
    public static void assumeModule(String module, String debianPackage) {
        if (canImport(module)) return;
        String reason = PATH + " cannot import " + module + " (Debian " + debianPackage + " is not installed)";
        String require = System.getProperty("convnet.require", "");
        if (Arrays.asList(require.toLowerCase(Locale.ROOT).split("\\s*,\\s*")).contains(module)) {
            fail("convnet.require=" + require + " but " + reason);
        }
        assumeTrue(false, reason);
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
