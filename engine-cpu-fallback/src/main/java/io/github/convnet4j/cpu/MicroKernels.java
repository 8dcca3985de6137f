package io.github.convnet4j.cpu;

/**
 * Chooses the SGEMM micro-kernel. The Vector API kernels are reached only through reflection after
 * {@code Class.forName("jdk.incubator.vector.FloatVector")} succeeded, so a JVM started without
 * {@code --add-modules jdk.incubator.vector} never loads a class that names the Vector API and runs
 * the scalar kernel instead.
 *
 * <p>{@code -Dconvnet.cpu.vectorBits=256|512|0} forces a width (0: scalar). The default is
 * {@link #DEFAULT_BITS}, capped at the preferred species width: on the development machine (an
 * AVX-512 Xeon) the 512-bit kernel did about 95 GFLOP per CPU-second against 72 for the 256-bit one
 * in single-threaded SGEMM (see CpuBenchmark). Every width gives the same bits, so this choice only
 * affects speed.
 */
final class MicroKernels {
    /** The width used when the CPU supports it and nothing is forced. */
    static final int DEFAULT_BITS = 512;

    private static volatile MicroKernel best;
    private static volatile String vectorStatus;

    private MicroKernels() {}

    /** The kernel every new backend uses. */
    static MicroKernel best() {
        MicroKernel k = best;
        if (k == null) {
            synchronized (MicroKernels.class) {
                k = best;
                if (k == null) best = k = choose();
            }
        }
        return k;
    }

    /**
     * The preferred vector width in bits of this JVM's Vector API, or 0 with {@link #vectorStatus()}
     * saying why it is not usable.
     */
    static int preferredBits() {
        try {
            Class.forName("jdk.incubator.vector.FloatVector");
            Class<?> probe = Class.forName("io.github.convnet4j.cpu.VectorProbe");
            int bits = (Integer) probe.getDeclaredMethod("preferredBits").invoke(null);
            vectorStatus = "Vector API usable, preferred species " + bits + "-bit";
            return bits;
        } catch (Throwable t) {
            vectorStatus = "scalar path: jdk.incubator.vector not present";
            return 0;
        }
    }

    /** One line on the Vector API: usable with its preferred width, or why the scalar path runs. */
    static String vectorStatus() {
        if (vectorStatus == null) preferredBits();
        return vectorStatus;
    }

    /** A kernel of exactly {@code bits} (0, 256 or 512), or null when that width is not usable here. */
    static MicroKernel ofBits(int bits) {
        if (bits == 0) return new ScalarKernel();
        int preferred = preferredBits();
        if (preferred < bits || (bits != 256 && bits != 512)) return null;
        try {
            Class<?> c = Class.forName("io.github.convnet4j.cpu.VectorKernel" + bits);
            return (MicroKernel) c.getDeclaredConstructor().newInstance();
        } catch (Throwable t) {
            return null;
        }
    }

    private static MicroKernel choose() {
        String forced = System.getProperty("convnet.cpu.vectorBits");
        int want = DEFAULT_BITS;
        if (forced != null && !forced.isBlank()) {
            try {
                want = Integer.parseInt(forced.trim());
            } catch (NumberFormatException e) {
                want = DEFAULT_BITS;
            }
        }
        MicroKernel k = ofBits(want);
        if (k == null && want > 256) k = ofBits(256);
        return k != null ? k : new ScalarKernel();
    }
}
