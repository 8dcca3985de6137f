package io.github.convnet4j.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading the "Signal Handlers:" section of VM.info, as HotSpot 17 prints it. */
class JvmSignalHandlersTest {
    private static final String EXPECTED_JVM =
            "  *** Expected: javaSignalHandler in libjvm.so, mask=11100100110111111111111111111110, flags=SA_RESTART|SA_SIGINFO\n";

    /** Abbreviated from a JVM that loaded PoCL without libjsig. */
    private static final String TAKEN = "VM state: not at safepoint\n\nSignal Handlers:\n"
            + "   SIGSEGV: 0x00007f97f5d5c570 in libLLVM-15.so.1+16106864, mask=00000000000000000000000000000000, flags=SA_ONSTACK|SA_RESETHAND|SA_NODEFER, unblocked\n"
            + "  *** Handler was modified!\n" + EXPECTED_JVM
            + "    SIGBUS: 0x00007f97f5d5c570 in libLLVM-15.so.1+16106864, mask=00000000000000000000000000000000, flags=SA_ONSTACK|SA_RESETHAND|SA_NODEFER, unblocked\n"
            + "  *** Handler was modified!\n" + EXPECTED_JVM
            + "    SIGFPE: 0x00007f98845c1210 in libpocl.so.2.10.0+504336, mask=00000000000000000000000000000000, flags=SA_RESTART|SA_SIGINFO, unblocked\n"
            + "  *** Handler was modified!\n" + EXPECTED_JVM
            + "   SIGPIPE: javaSignalHandler in libjvm.so, mask=11100100010111111101111111111110, flags=SA_RESTART|SA_SIGINFO, unblocked\n"
            + "    SIGILL: javaSignalHandler in libjvm.so, mask=11100100110111111111111111111110, flags=SA_RESTART|SA_SIGINFO, unblocked\n"
            + "   SIGUSR2: 0x00007f20e5d5c570 in libLLVM-15.so.1+16106864, mask=00000000000000000000000000000000, flags=SA_ONSTACK, unblocked\n"
            + "    SIGINT: 0x00007f20e5d5c570 in libLLVM-15.so.1+16106864, mask=00000000000000000000000000000000, flags=SA_ONSTACK, unblocked\n"
            + "\n\nPeriodic native trim disabled\n   SIGSEGV: SIG_DFL, mask=0, flags=none\n";

    /** With libjsig preloaded HotSpot reports the library's handler but chains to it. */
    private static final String CHAINED = "Signal Handlers:\n"
            + "   SIGSEGV: 0x00007fc721d5c570 in libLLVM-15.so.1+16106864, mask=00000000000000000000000000000000, flags=SA_ONSTACK|SA_RESETHAND|SA_NODEFER, unblocked\n"
            + "  *** Handler was modified!\n" + EXPECTED_JVM
            + "  chained to: 0x00007fc721d5c570 in libLLVM-15.so.1+16106864, mask=00000000000000000000000000000000, flags=SA_ONSTACK|SA_RESETHAND|SA_NODEFER\n"
            + "    SIGBUS: javaSignalHandler in libjvm.so, mask=11100100110111111111111111111110, flags=SA_RESTART|SA_SIGINFO, unblocked\n"
            + "\n";

    @Test
    void namesEachFaultSignalALibraryTookWithItsLibrary() {
        assertEquals(Map.of("SIGSEGV", "libLLVM-15.so.1", "SIGBUS", "libLLVM-15.so.1", "SIGFPE", "libpocl.so.2.10.0"),
                JvmSignalHandlers.takenOver(TAKEN));
    }

    @Test
    void chainedHandlersAndTheJvmsOwnAreFine() {
        assertEquals(Map.of(), JvmSignalHandlers.takenOver(CHAINED));
        assertEquals(Map.of(), JvmSignalHandlers.takenOver("no such section\n"));
    }

    @Test
    void aDefaultActionCountsAsTakenOver() {
        assertEquals(Map.of("SIGSEGV", "SIG_DFL"),
                JvmSignalHandlers.takenOver("Signal Handlers:\n   SIGSEGV: SIG_DFL, mask=00000000000000000000000000000000, flags=none, unblocked\n\n"));
    }

    @Test
    void readsThisJvmsOwnHandlers() {
        // engine-core loads no native runtime, so this JVM reports its own handlers (or, where the
        // build preloads libjsig, the default actions it chains to) in the format the parser reads.
        String info = JvmSignalHandlers.vmInfo();
        assertTrue(info.matches("(?s).*Signal Handlers:\\n\\s*SIGSEGV: (javaSignalHandler in libjvm\\.so|SIG_DFL.*\\n.*\\n.*\\n\\s*chained to: ).*"),
                "no SIGSEGV line in VM.info");
        assertEquals(Map.of(), JvmSignalHandlers.takenOver(info));
        assertTrue(JvmSignalHandlers.takeoverWarning().isEmpty());
    }

    @Test
    void seesWhetherTheBuildPreloadedSignalChaining() {
        // The jsig profile sets LD_PRELOAD for the test JVM where the JDK has libjsig (-Dtest.ld.preload= clears it).
        String preload = System.getenv().getOrDefault("LD_PRELOAD", "");
        assertEquals(preload.contains("libjsig.so"), JvmSignalHandlers.signalChainingLoaded());
    }

    @Test
    void onlyTheSignalChainingLibraryCounts() {
        // /proc/self/maps lines: address range, permissions, offset, device, inode, path
        assertTrue(JvmSignalHandlers.mapsSignalChaining(
                "7f1c2a600000-7f1c2a601000 r-xp 00001000 08:01 1234 /usr/lib/jvm/java-17-openjdk-amd64/lib/libjsig.so"));
        assertFalse(JvmSignalHandlers.mapsSignalChaining("7f1c2a800000-7f1c2a9a8000 r-xp 00028000 08:01 5678 /usr/lib/x86_64-linux-gnu/libc.so.6"));
        assertFalse(JvmSignalHandlers.mapsSignalChaining("7ffc1a2b3000-7ffc1a2d4000 rw-p 00000000 00:00 0 [stack]"));
        assertFalse(JvmSignalHandlers.mapsSignalChaining("7f1c2a600000-7f1c2a601000 r-xp 00001000 08:01 1234 /opt/lib/libjsig.so.bak"));
    }
}
