package io.github.convnet4j.backend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.management.ObjectName;

/**
 * Checks that native runtimes loaded by a backend have left the JVM's crash-signal handlers alone.
 *
 * <p>HotSpot handles SIGSEGV, SIGBUS, SIGFPE and SIGILL itself: implicit null checks, safepoint polls
 * and integer division by zero in compiled Java code all work by faulting on purpose. LLVM-based
 * OpenCL runtimes (PoCL, and others built on LLVM) install their own crash handlers over the JVM's,
 * and LLVM's reset themselves to the default action when they fire. Two Java threads faulting at
 * the same moment, which every safepoint makes likely, then kill the process with no hs_err file.
 * The JDK's answer is signal chaining: with {@code LD_PRELOAD=$JAVA_HOME/lib/libjsig.so} the JVM
 * keeps its handlers and calls a library's handler only for faults that are not its own. The
 * {@code convnet} launcher and the test JVMs preload it; this check tells anyone else.
 */
public final class JvmSignalHandlers {
    /**
     * The faults HotSpot handles itself. (LLVM also takes SIGUSR2, HotSpot's thread-suspend signal,
     * which libjsig does not cover; LLVM's handler restores the previous handlers and re-raises
     * interrupt-type signals, so that one reaches the JVM.)
     */
    static final List<String> HOTSPOT_SIGNALS = List.of("SIGSEGV", "SIGBUS", "SIGFPE", "SIGILL");

    private static final Pattern HANDLER = Pattern.compile("^\\s*(SIG[A-Z0-9]+): (.*)$");
    private static final Pattern LIBRARY = Pattern.compile(" in ([^+,\\s]+)");

    private JvmSignalHandlers() {}

    /**
     * A one-line warning when a native library has replaced the JVM's handler for a signal HotSpot
     * handles, without signal chaining, else empty (also empty when the JVM cannot report its handlers).
     * Where libjsig is loaded, as under the launcher and in the tests, nothing can take the handlers
     * and the answer is immediate; otherwise it asks the JVM ({@link #takenOver()}: the first call
     * starts JMX, about 0.1 s).
     */
    public static Optional<String> takeoverWarning() {
        if (signalChainingLoaded()) return Optional.empty();
        Map<String, String> taken = takenOver();
        if (taken.isEmpty()) return Optional.empty();
        List<String> parts = new ArrayList<>();
        taken.forEach((signal, library) -> parts.add(signal + " (" + library + ")"));
        return Optional.of("warning: a native library replaced the JVM's handlers for " + String.join(", ", parts)
                + "; the JVM may crash without an error report. Run java with LD_PRELOAD="
                + System.getProperty("java.home") + "/lib/libjsig.so (the convnet launcher does)");
    }

    /**
     * The signals HotSpot handles that a native library holds without chaining to HotSpot, mapped to
     * that library, as this JVM reports them now (empty when it cannot report its handlers).
     */
    public static Map<String, String> takenOver() {
        return takenOver(vmInfo());
    }

    /** Whether the JDK's signal-chaining library is mapped into this process (Linux; false elsewhere). */
    static boolean signalChainingLoaded() {
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            return maps.anyMatch(JvmSignalHandlers::mapsSignalChaining);
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return false;
        }
    }

    /** Whether a line of {@code /proc/self/maps} maps the JDK's signal-chaining library. */
    static boolean mapsSignalChaining(String mapsLine) { return mapsLine.endsWith("/libjsig.so"); }

    /** The text of {@code jcmd <pid> VM.info} for this JVM; empty when the JVM cannot report it. */
    static String vmInfo() {
        try {
            return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmInfo",
                    new Object[] {null}, new String[] {String[].class.getName()});
        } catch (Exception | LinkageError e) {
            return "";
        }
    }

    /**
     * The HotSpot signals whose handler, in the "Signal Handlers:" section of {@code VM.info} output,
     * is neither HotSpot's nor chained to by HotSpot, mapped to the library that holds it.
     */
    static Map<String, String> takenOver(String vmInfo) {
        Map<String, String> taken = new LinkedHashMap<>();
        int start = vmInfo.indexOf("Signal Handlers:");
        if (start < 0) return taken;
        String signal = null;
        String library = null;
        boolean chained = false;
        for (String line : vmInfo.substring(start).split("\n")) {
            Matcher m = HANDLER.matcher(line);
            if (m.matches()) {
                record(taken, signal, library, chained);
                signal = m.group(1);
                chained = false;
                String handler = m.group(2);
                if (handler.contains("libjvm.")) {
                    library = null;
                } else {
                    Matcher lib = LIBRARY.matcher(handler);
                    library = lib.find() ? lib.group(1) : handler.split(",", 2)[0];
                }
            } else if (line.strip().startsWith("chained to:")) {
                chained = true;
            } else if (line.isBlank() && signal != null) {
                break;
            }
        }
        record(taken, signal, library, chained);
        return taken;
    }

    private static void record(Map<String, String> taken, String signal, String library, boolean chained) {
        if (signal != null && library != null && !chained && HOTSPOT_SIGNALS.contains(signal)) taken.put(signal, library);
    }
}
