package io.github.convnet4j.conformance;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.BackendProvider;
import io.github.convnet4j.backend.DeviceInfo;
import io.github.convnet4j.backend.Probe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Skip where absent, fail where required: the rule that keeps CI honest. */
class BackendRequirementTest {
    private final String saved = System.getProperty(BackendRequirement.PROPERTY);

    @AfterEach void restore() {
        if (saved == null) System.clearProperty(BackendRequirement.PROPERTY);
        else System.setProperty(BackendRequirement.PROPERTY, saved);
    }

    @Test void availableBackendRuns() {
        System.setProperty(BackendRequirement.PROPERTY, "opencl");
        assertDoesNotThrow(() -> BackendRequirement.assumeAvailable(fake("opencl", Probe.available("PoCL 5"))));
    }

    @Test void absentBackendIsSkippedWithItsReason() {
        System.setProperty(BackendRequirement.PROPERTY, "");
        TestAbortedException e = assertThrows(TestAbortedException.class,
                () -> BackendRequirement.assumeAvailable(fake("cuda", Probe.unavailable("libcuda.so.1 not found"))));
        assertTrue(e.getMessage().contains("libcuda.so.1 not found"), e.getMessage());
    }

    @Test void absentRequiredBackendFailsWithItsReason() {
        System.setProperty(BackendRequirement.PROPERTY, " cuda , OpenCL");
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> BackendRequirement.assumeAvailable(fake("opencl", Probe.unavailable("no platform"))));
        assertTrue(e.getMessage().contains("convnet.require= cuda , OpenCL but opencl is unavailable: no platform"), e.getMessage());
    }

    @Test void requiringAnotherBackendStillSkips() {
        System.setProperty(BackendRequirement.PROPERTY, "cuda");
        assertThrows(TestAbortedException.class, () -> BackendRequirement.assumeAvailable(fake("opencl", Probe.unavailable("no platform"))));
    }

    @Test void anythingElseATestNeedsFollowsTheSameRule() {
        System.setProperty(BackendRequirement.PROPERTY, "opencl,chromium,onnx");
        assertDoesNotThrow(() -> BackendRequirement.assume("onnx", true, "unused"));
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> BackendRequirement.assume("onnx", false, "no onnx module"));
        assertTrue(e.getMessage().contains("convnet.require=opencl,chromium,onnx but no onnx module"), e.getMessage());
        TestAbortedException skipped = assertThrows(TestAbortedException.class, () -> BackendRequirement.assume("torch", false, "no torch module"));
        assertTrue(skipped.getMessage().contains("no torch module"), skipped.getMessage());
    }

    private static BackendProvider fake(String name, Probe probe) {
        return new BackendProvider() {
            @Override public String name() { return name; }
            @Override public int priority() { return 0; }
            @Override public Probe probe() { return probe; }
            @Override public List<DeviceInfo> devices() { return List.of(); }
            @Override public Backend open(String deviceId) { throw new UnsupportedOperationException(); }
        };
    }
}
