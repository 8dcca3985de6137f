package io.github.convnet4j.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.cpu.CpuBackendProvider;
import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.Presets;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.util.Rng;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A training step allocates (almost) nothing once warmed up: keras-mnist steps on the CPU backend
 * through the {@link Trainer}, with the heap allocation of every JVM thread (the caller and the
 * backend's workers) counted by {@link com.sun.management.ThreadMXBean#getThreadAllocatedBytes}.
 *
 * <p>The bound, {@value #BOUND_BYTES_PER_STEP} bytes a step, is not zero: each parallel op still
 * makes a few small objects (its checked geometry record, the lambda handed to the worker pool, a
 * table-cache key), about 5 KB a step on keras-mnist in all, none growing with the batch or the
 * layer sizes. Before this test the step made about 100 KB a step at batch 64 (a double array per
 * convolution filter gradient, error messages built on every call, a new Shape per layer); any of
 * those coming back fails it. The JIT's escape analysis removes some temporaries only once the
 * code is compiled, so the test trains epoch by epoch until one epoch's steady part (its first
 * batches left out: the epoch's shuffle and result are per-epoch, not per-step) is under the bound,
 * and fails if none is within {@value #MAX_EPOCHS} epochs.
 *
 * <p>Tagged {@code own-jvm}: it runs in a JVM of its own (one per vector width, see this module's
 * pom), like a training process, because in a JVM shared with tests that call the SPI through
 * proxies and fake backends the step's calls can stay uninlined and their temporaries allocated.
 */
@Tag("own-jvm")
class StepAllocationTest {
    private static final long BOUND_BYTES_PER_STEP = 8 * 1024;
    private static final int BATCH = 16;
    private static final int BATCHES_PER_EPOCH = 120;
    private static final int SKIPPED_BATCHES = 10;
    private static final int MAX_EPOCHS = 20;

    private final Backend backend = new CpuBackendProvider().open("");

    @AfterEach void close() { backend.close(); }

    @Test void kerasMnistStepsAllocateUnderTheBoundAfterWarmUp() throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(),
                "this JVM does not count allocated bytes per thread");
        try (Model model = Model.of(Presets.get("keras-mnist"))) {
            model.build(backend, DType.F32, 7);
            Dataset data = noise(model.inputShape(), BATCH * BATCHES_PER_EPOCH);
            Trainer trainer = new Trainer();
            List<Long> perStep = new ArrayList<>();
            TrainingListener meter = new TrainingListener() {
                long start;
                @Override public void onBatchEnd(int epoch, int batch, int batches, double loss, double acc, double ips) {
                    if (batch == SKIPPED_BATCHES) start = allocated(mx);
                    if (batch == batches) {
                        long bytes = (allocated(mx) - start) / (batches - SKIPPED_BATCHES);
                        perStep.add(bytes);
                        if (bytes <= BOUND_BYTES_PER_STEP) trainer.requestStop();
                    }
                }
            };
            TrainConfig config = TrainConfig.builder().epochs(MAX_EPOCHS).batchSize(BATCH).optimizer("adam").seed(3).build();
            trainer.fit(model, data, null, config, meter);
            long best = perStep.stream().mapToLong(Long::longValue).min().orElseThrow();
            assertTrue(best <= BOUND_BYTES_PER_STEP, "bytes allocated per training step, epoch by epoch: " + perStep
                    + "; expected one epoch at or under " + BOUND_BYTES_PER_STEP);
        }
    }

    /** Bytes allocated so far by every live thread, less what this call itself allocates. */
    private static long allocated(com.sun.management.ThreadMXBean mx) {
        long first = sum(mx);
        long second = sum(mx);
        return first - (second - first);
    }

    private static long sum(com.sun.management.ThreadMXBean mx) {
        long total = 0;
        for (long b : mx.getThreadAllocatedBytes(mx.getAllThreadIds())) if (b > 0) total += b;
        return total;
    }

    private static Dataset noise(Shape sample, int n) {
        Rng rng = new Rng(11);
        float[] images = new float[Math.toIntExact(n * sample.size())];
        for (int i = 0; i < images.length; i++) images[i] = (float) rng.nextDouble();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = rng.nextInt(10);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 10; i++) names.add("c" + i);
        return new Dataset(images, labels, sample, 10, names);
    }
}
