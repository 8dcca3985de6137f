package io.github.convnet4j.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.ForwardingBackend;
import io.github.convnet4j.cpu.CpuBackendProvider;
import io.github.convnet4j.io.SafeTensors;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.HostTensor;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model file is checked whole (tensors, shapes, finite values, heap) before anything is built.
 *
 * <p>Not killed here: {@code LoadedModel.build}'s heap check itself. It only matters for a file that
 * holds all of a model's tensors at their shapes yet whose build cannot fit, which takes a file
 * of about a quarter of the heap (gigabytes here), too slow for a unit test.
 */
class ModelFileHardeningTest {
    @TempDir Path dir;
    private final Backend backend = new CpuBackendProvider().open("");

    @AfterEach void close() { backend.close(); }

    private Path file(String arch, Map<String, HostTensor> tensors) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", ModelFile.FORMAT);
        meta.put("format_version", ModelFile.FORMAT_VERSION);
        meta.put("architecture", arch);
        Path f = dir.resolve("m.safetensors");
        SafeTensors.write(f, tensors, meta);
        return f;
    }

    private static String dense(int units) {
        return "{\"name\": \"x\", \"input_shape\": [1, 28, 28], \"layers\": [{\"type\": \"Flatten\"}, {\"type\": \"Dense\", \"units\": " + units + "}]}";
    }

    @Test
    void aTinyFileDeclaringAHugeLayerIsRefusedBeforeAnythingIsAllocated() throws IOException {
        // Dense(300000) on 784 inputs: building it first allocated and initialized 3.9 GB for 24 s.
        Path f = file(dense(300_000), Map.of());
        IOException e = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThrows(IOException.class, () -> ModelFile.open(f, backend, DType.F32)));
        assertEquals(f + ": missing tensor dense_1/kernel (300000, 784)", e.getMessage());
    }

    @Test
    void aWronglyShapedTensorOfAHugeLayerIsNamedBeforeTheHeapIsConsidered() throws IOException {
        // Dense(2000000) on 784 inputs needs about 25 GB to build: the tiny kernel's shape is what is wrong, and the
        // message must say so rather than ask for more heap.
        Map<String, HostTensor> t = new LinkedHashMap<>();
        t.put("dense_1/kernel", new HostTensor(Shape.of(1, 784), new float[784]));
        t.put("dense_1/bias", new HostTensor(Shape.of(1), new float[1]));
        Path f = file(dense(2_000_000), t);
        IOException e = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThrows(IOException.class, () -> ModelFile.open(f, backend, DType.F32)));
        assertEquals(f + ": tensor dense_1/kernel has shape (1, 784) but the model needs (2000000, 784)", e.getMessage());
    }

    @Test
    void wrongShapesAndExtraTensorsAreNamedBeforeBuilding() throws IOException {
        Map<String, HostTensor> t = new LinkedHashMap<>();
        t.put("dense_1/kernel", new HostTensor(Shape.of(2, 784), new float[2 * 784]));
        t.put("dense_1/bias", new HostTensor(Shape.of(3), new float[3]));
        Path f = file(dense(2), t);
        assertEquals(f + ": tensor dense_1/bias has shape (3,) but the model needs (2,)",
                assertThrows(IOException.class, () -> ModelFile.open(f, backend, DType.F32)).getMessage());
        t.put("dense_1/bias", new HostTensor(Shape.of(2), new float[2]));
        t.put("dense_9/kernel", new HostTensor(Shape.of(1), new float[1]));
        Path g = file(dense(2), t);
        // Counted: the same message comes after building too, so only the allocations show it came first.
        int[] allocations = {0};
        Backend counting = new ForwardingBackend(backend) {
            @Override public String description() { return "counting"; }
            @Override public Tensor allocate(Shape shape, DType dtype) {
                allocations[0]++;
                return super.allocate(shape, dtype);
            }
        };
        assertEquals(g + ": unexpected tensor dense_9/kernel (the model has no such parameter)",
                assertThrows(IOException.class, () -> ModelFile.open(g, counting, DType.F32)).getMessage());
        assertEquals(0, allocations[0], "refused before anything was allocated");
    }

    @Test
    void weightsHoldingNanOrInfinityAreRefused() throws IOException {
        Map<String, HostTensor> t = new LinkedHashMap<>();
        float[] kernel = new float[2 * 784];
        kernel[5] = Float.NaN;
        t.put("dense_1/kernel", new HostTensor(Shape.of(2, 784), kernel));
        t.put("dense_1/bias", new HostTensor(Shape.of(2), new float[] {0, Float.POSITIVE_INFINITY}));
        Path f = file(dense(2), t);
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(f));
        assertEquals(f + ": tensor dense_1/kernel holds NaN at index 5 (the training that wrote it diverged); refusing to load it", e.getMessage());
    }

    @Test
    void aModelThatDivergedIsReportedWithTheTensor() throws IOException {
        try (Model m = Model.of(ModelSpec.parse(dense(2), "x.json"))) {
            m.build(backend, DType.F32, 1);
            ModelFile.requireFinite(m, "ok"); // fresh weights are finite
            Parameter bias = m.parameters().get(1);
            backend.elementwise().fill(bias.value(), Double.POSITIVE_INFINITY);
            IOException e = assertThrows(IOException.class, () -> ModelFile.requireFinite(m, "training diverged: run/model.safetensors"));
            assertTrue(e.getMessage().startsWith("training diverged: run/model.safetensors: tensor dense_1/bias holds Infinity at index 0"), e.getMessage());
        }
    }
}
