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

    /**
     * The 2x2 pooling of planes: {@link VectorPool2x2} when 256-bit vectors are usable and not
     * turned off with {@code -Dconvnet.cpu.vectorBits=0}, else the scalar {@link Pool2x2}.
     */
    static PlanePooling pool2x2() {
        if (vectorBits() != 0) {
            try {
                Class<?> c = Class.forName("io.github.convnet4j.cpu.VectorPool2x2");
                return (PlanePooling) c.getDeclaredConstructor().newInstance();
            } catch (Throwable t) {
                return new Pool2x2();
            }
        }
        return new Pool2x2();
    }

    private static volatile GatherKernel[] gathers;

    /**
     * The {@link GatherKernel} for products with {@code n} columns: on 512-bit vectors the 4 x 64
     * kernel (16 accumulators, so each gathered element of A feeds four vector FMAs) unless n fits
     * 32 columns; on 256-bit vectors 6 x 16; else the scalar kernel. Every choice gives the same bits.
     */
    static GatherKernel gather(int n) {
        GatherKernel[] g = gathers;
        if (g == null) {
            synchronized (MicroKernels.class) {
                g = gathers;
                if (g == null) gathers = g = chooseGathers();
            }
        }
        return n <= g[1].nr() ? g[1] : g[0];
    }

    /** The wide and the narrow gather kernel of the chosen width (the same one twice below 512 bits). */
    private static GatherKernel[] chooseGathers() {
        int want = vectorBits();
        String[] names = want >= 512 ? new String[] {"VectorGather512x64", "VectorGather512x32"}
                : want >= 256 ? new String[] {"VectorGather256x16", "VectorGather256x16"} : null;
        if (names != null) {
            try {
                GatherKernel[] g = new GatherKernel[2];
                for (int i = 0; i < 2; i++) {
                    g[i] = (GatherKernel) Class.forName("io.github.convnet4j.cpu." + names[i]).getDeclaredConstructor().newInstance();
                }
                return g;
            } catch (Throwable t) {
                // fall through to the scalar kernel
            }
        }
        GatherKernel s = new ScalarGather();
        return new GatherKernel[] {s, s};
    }

    /** {@link VectorRelu} when the Vector API is usable and not turned off, else the scalar {@link ReluKernel}. */
    static ReluKernel relu() { return vectorOr("VectorRelu", ReluKernel.class, new ReluKernel()); }

    /** {@link VectorPlaneKernel} when the Vector API is usable and not turned off, else the scalar {@link PlaneKernel}. */
    static PlaneKernel planeKernel() { return vectorOr("VectorPlaneKernel", PlaneKernel.class, new PlaneKernel()); }

    /** A new instance of the Vector API class {@code name} of this package when a width is usable, else {@code scalar}. */
    private static <T> T vectorOr(String name, Class<T> type, T scalar) {
        if (vectorBits() == 0) return scalar;
        try {
            return type.cast(Class.forName("io.github.convnet4j.cpu." + name).getDeclaredConstructor().newInstance());
        } catch (Throwable t) {
            return scalar;
        }
    }

    /**
     * The one vector width every Vector API class of this backend uses (512, 256, or 0 for none).
     * One width per JVM matters on JDK 17: once a second vector shape runs, the type profiles of
     * the Vector API's shared code turn polymorphic and C2 stops inlining and intrinsifying it in
     * the kernels (an SGEMM kernel then ran boxed, ten times slower).
     */
    static int vectorBits() {
        int bits = Math.min(forcedBits(), preferredBits());
        return bits >= 512 ? 512 : bits >= 256 ? 256 : 0;
    }

    /** The width asked for with -Dconvnet.cpu.vectorBits, or {@link #DEFAULT_BITS}. */
    private static int forcedBits() {
        String forced = System.getProperty("convnet.cpu.vectorBits");
        if (forced == null || forced.isBlank()) return DEFAULT_BITS;
        try {
            return Integer.parseInt(forced.trim());
        } catch (NumberFormatException e) {
            return DEFAULT_BITS;
        }
    }

    private static MicroKernel choose() {
        MicroKernel k = ofBits(vectorBits());
        return k != null ? k : new ScalarKernel();
    }
}
