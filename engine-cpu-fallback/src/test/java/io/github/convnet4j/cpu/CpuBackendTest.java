package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.BackendException;
import io.github.convnet4j.backend.BackendProvider;
import io.github.convnet4j.backend.BackendRegistry;
import io.github.convnet4j.backend.DeviceInfo;
import io.github.convnet4j.backend.Probe;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Provider discovery, the probe line, allocation and host transfers. */
class CpuBackendTest {
    @Test
    void discoveredByServiceLoader() {
        BackendProvider p = BackendRegistry.discover().provider("cpu");
        assertTrue(p instanceof CpuBackendProvider, "cpu provider on the class path");
        assertEquals(100, p.priority());
        Probe probe = p.probe();
        assertTrue(probe.available());
        // Surefire runs with --add-modules jdk.incubator.vector, so the Vector API must be reported usable.
        assertTrue(probe.reason().matches("\\d+ threads, Vector API usable, preferred species \\d+-bit"), probe.reason());
        List<DeviceInfo> devices = p.devices();
        assertEquals(1, devices.size());
        assertEquals("0", devices.get(0).id());
        assertTrue(devices.get(0).properties().get(0).endsWith("cores"), devices.get(0).properties().toString());
    }

    @Test
    void openedThroughTheRegistry() {
        StringBuilder log = new StringBuilder();
        try (Backend b = BackendRegistry.discover().open("cpu", log::append)) {
            assertEquals("cpu", b.name());
            assertTrue(b.description().startsWith("cpu: "), b.description());
            assertTrue(b.supports(DType.F32) && b.supports(DType.F64));
        }
        assertThrows(BackendException.class, () -> new CpuBackendProvider().open("1"));
    }

    @Test
    void allocateIsZeroedAndTransfersConvert() {
        try (Backend b = new CpuBackend()) {
            for (DType dt : DType.values()) {
                Tensor t = b.allocate(Shape.of(2, 3), dt);
                double[] d = new double[8];
                b.download(t, d, 1);
                assertArrayEquals(new double[8], d, "zero-filled");
                b.upload(new double[] {9, 0.1, 1, 2, 3, 4, 5}, 1, t);
                float[] f = new float[6];
                b.download(t, f, 0);
                assertArrayEquals(new float[] {0.1f, 1, 2, 3, 4, 5}, f, dt + " double upload, float download");
                b.upload(new float[] {0.1f, 1, 2, 3, 4, 5}, 0, t);
                b.download(t, d, 2);
                assertEquals((double) 0.1f, d[2], 0, dt + " float upload, double download is exact");
                BackendException e = assertThrows(BackendException.class, () -> b.upload(new float[5], 0, t));
                assertTrue(e.getMessage().startsWith("upload: host array of 5 values"), e.getMessage());
                t.close();
                assertThrows(BackendException.class, () -> b.download(t, new float[6], 0));
            }
        }
    }
}
