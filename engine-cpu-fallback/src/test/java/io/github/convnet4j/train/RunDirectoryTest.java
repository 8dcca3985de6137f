package io.github.convnet4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.cpu.CpuBackendProvider;
import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run directory's owner: its lock, what it refuses, what it cleans up, and that it reads a checkpoint once.
 *
 * <p>Not killed here: removing a directory that {@code create} made itself when its lock or clean-up
 * then fails; a fresh empty directory gives neither a reason to fail without fault injection.
 */
class RunDirectoryTest {
    @TempDir Path tmp;
    private final Backend backend = new CpuBackendProvider().open("");
    private final Dataset data = SyntheticData.quadrants(64, 8, 3);

    @AfterEach void close() { backend.close(); }

    private Model model() {
        Model m = Model.of(SyntheticData.smallConvNet(4));
        m.build(backend, DType.F32, 1);
        return m;
    }

    private static TrainConfig config(Path dir, boolean resume) {
        return TrainConfig.builder().epochs(1).batchSize(16).optimizer("adam").seed(3).runDir(dir).resume(resume).build();
    }

    @Test void aSecondTrainerOnTheSameDirectoryIsRefusedNamingTheHolder() throws IOException {
        Path dir = tmp.resolve("run");
        long pid = ProcessHandle.current().pid();
        IOException[] refused = new IOException[1];
        try (Model first = model(); Model second = model()) {
            new Trainer().fit(first, data, null, config(dir, false), new TrainingListener() {
                @Override public void onBatchEnd(int epoch, int batch, int batches, double loss, double accuracy, double ips) {
                    if (batch != 2) return;
                    refused[0] = assertThrows(IOException.class, () -> new Trainer().fit(second, data, null, config(dir, false), null));
                }
            });
        }
        String m = refused[0].getMessage();
        assertTrue(m.startsWith(dir + ": another training run is writing into this directory (pid " + pid + " since "), m);
        assertFalse(m.contains("\n"), m);
        assertTrue(Files.isRegularFile(dir.resolve("model.safetensors")), "the first run finished undisturbed");
        try (RunDirectory again = RunDirectory.resume(dir)) {
            assertEquals(1, again.checkpoint().progress().epoch(), "the lock is released when the run ends");
        }
    }

    @Test void anotherProcessHoldingTheLockIsNamed() throws Exception {
        Path dir = tmp.resolve("shared");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                ResumeWorker.class.getName(), dir.toString(), "fresh").redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                output.add(line);
                if (line.startsWith("checkpoint ")) break;
            }
            assertTrue(p.isAlive(), "the worker is still training: " + output);
            IOException e = assertThrows(IOException.class, () -> RunDirectory.create(dir));
            assertTrue(e.getMessage().contains("another training run is writing into this directory (pid " + p.pid() + " since "), e.getMessage());
            e = assertThrows(IOException.class, () -> RunDirectory.resume(dir));
            assertTrue(e.getMessage().contains("(pid " + p.pid() + " since "), e.getMessage());
        } finally {
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }
        // The OS dropped the dead process's lock: the run can be resumed.
        RunDirectory.resume(dir).close();
    }

    @Test void aFailedStartLeavesNoDirectoryBehind() {
        Path dir = tmp.resolve("never");
        Dataset threeClasses = new Dataset(new float[64 * 2], new int[] {0, 2}, Shape.of(1, 8, 8), 3, null);
        try (Model m = model()) {
            assertThrows(IllegalArgumentException.class, () -> new Trainer().fit(m, threeClasses, null, config(dir, false), null));
        }
        assertFalse(Files.exists(dir), "an empty run directory was left behind");
    }

    @Test void aFileOrAnEarlierRunsFilesAreNotOverwritten() throws IOException {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "mine");
        IOException e = assertThrows(IOException.class, () -> RunDirectory.create(file));
        assertEquals(file + ": exists and is not a directory; a run needs a new or empty directory for its checkpoint, history and model",
                e.getMessage());

        Path finished = Files.createDirectories(tmp.resolve("finished"));
        byte[] model = {1, 2, 3};
        Files.write(finished.resolve("model.safetensors"), model);
        e = assertThrows(IOException.class, () -> RunDirectory.create(finished));
        assertTrue(e.getMessage().contains("already holds model.safetensors from an earlier run"), e.getMessage());
        assertArrayEquals(model, Files.readAllBytes(finished.resolve("model.safetensors")));

        Path run = tmp.resolve("run");
        try (Model m = model()) {
            new Trainer().fit(m, data, null, config(run, false), null);
        }
        e = assertThrows(IOException.class, () -> RunDirectory.create(run));
        assertTrue(e.getMessage().contains("already holds a run; use --resume " + run), e.getMessage());
    }

    @Test void aTemporaryFileFromAKillDuringTheFirstCheckpointDoesNotSurvive() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("killed-early"));
        Path stale = Files.write(dir.resolve(".checkpoint.safetensors.4242.tmp"), new byte[100]);
        Path unrelated = Files.write(dir.resolve(".notes.tmp"), new byte[1]);
        IOException e = assertThrows(IOException.class, () -> RunDirectory.resume(dir));
        assertTrue(e.getMessage().contains("no checkpoint.safetensors to resume from (the run was stopped while writing its first one"), e.getMessage());
        assertFalse(Files.exists(stale));

        Files.write(stale, new byte[100]);
        try (Model m = model()) {
            new Trainer().fit(m, data, null, config(dir, false), null);
        }
        assertFalse(Files.exists(stale), "the next run removed it");
        assertTrue(Files.exists(unrelated), "files that are not the run's are left alone");
    }

    @Test void aResumedRunUsesTheCheckpointReadWhenTheDirectoryWasOpened() throws IOException {
        Path dir = tmp.resolve("run");
        try (Model m = model()) {
            new Trainer().fit(m, data, null, config(dir, false), null);
        }
        try (RunDirectory run = RunDirectory.resume(dir); Model m = model()) {
            // Read once: the trainer needs nothing more from the file.
            Files.delete(dir.resolve(Checkpoint.FILE_NAME));
            TrainResult r = new Trainer().fit(m, data, null, config(null, false).toBuilder().epochs(2).build(), run, null);
            assertEquals(8, r.globalStep());
            assertEquals(2, r.history().size());
        }
    }

    @Test void theDefaultPathIsASafeSingleComponentUnderRuns() {
        LocalDateTime t = LocalDateTime.of(2026, 12, 3, 20, 15, 7);
        assertEquals(Path.of("runs", "keras-mnist-20261203-201507"), RunDirectory.defaultPath("keras-mnist", t));
        Path hostile = RunDirectory.defaultPath("../../ESCAPED", t);
        assertEquals(Path.of("runs", "_.._ESCAPED-20261203-201507"), hostile);
        assertEquals(Path.of("runs"), hostile.normalize().getParent());
        assertEquals(Path.of("runs", "model-20261203-201507"), RunDirectory.defaultPath(null, t));
    }
    /** A refused new run lets go of the lock: refused again for the same reason, and accepted once the file is gone. */
    @Test void aRefusedStartReleasesTheLock() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("finished"));
        Files.write(dir.resolve("history.csv"), new byte[] {1});
        for (int attempt = 0; attempt < 2; attempt++) {
            IOException e = assertThrows(IOException.class, () -> RunDirectory.create(dir));
            assertTrue(e.getMessage().contains("already holds history.csv from an earlier run"), e.getMessage());
        }
        Files.delete(dir.resolve("history.csv"));
        try (RunDirectory run = RunDirectory.create(dir)) {
            assertEquals(dir, run.path());
        }
    }

    /** The caller's final evaluation goes to test-metrics.json, written whole; a directory written into stays. */
    @Test void testMetricsAreWrittenAndKeepTheDirectory() throws IOException {
        Path dir = tmp.resolve("metrics");
        String json = "{\"accuracy\": 0.5}\n";
        try (RunDirectory run = RunDirectory.create(dir)) {
            assertEquals(dir.resolve(RunDirectory.TEST_METRICS_FILE), run.writeTestMetrics(json));
        }
        assertEquals(json, Files.readString(dir.resolve("test-metrics.json")));
    }
}
