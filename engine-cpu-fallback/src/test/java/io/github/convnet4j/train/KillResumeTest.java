package io.github.convnet4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.cpu.CpuBackendProvider;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing: a training process is killed with SIGKILL at an arbitrary moment (while it steps,
 * validates or writes a checkpoint), twice, and the run resumed from whatever checkpoint survived
 * ends with the same weights, optimizer state and history, bit for bit, as a run never interrupted.
 */
class KillResumeTest {
    @TempDir Path tmp;

    @Test void sigkilledRunResumesBitIdentical() throws Exception {
        Path straightDir = tmp.resolve("straight"), killedDir = tmp.resolve("killed");
        TrainResult straight;
        try (Backend backend = new CpuBackendProvider().open("")) {
            straight = ResumeWorker.train(backend, straightDir, false, null);
        }
        assertTrue(straight.completed());

        long firstKill = killAfterCheckpoints(killedDir, "fresh", 4);
        long secondKill = killAfterCheckpoints(killedDir, "resume", 3);
        assertTrue(secondKill > firstKill, "the second process continued the first (" + firstKill + " -> " + secondKill + ")");

        TrainResult resumed;
        try (Backend backend = new CpuBackendProvider().open("")) {
            resumed = ResumeWorker.train(backend, killedDir, true, null);
        }
        assertTrue(resumed.completed());
        assertEquals(straight.globalStep(), resumed.globalStep());
        CheckpointData a = Checkpoint.read(straightDir), b = Checkpoint.read(killedDir);
        TrainAssertions.assertSameTensors(a.weights(), b.weights());
        TrainAssertions.assertSameTensors(a.optimizerState().tensors(), b.optimizerState().tensors());
        for (int i = 0; i < straight.history().size(); i++) {
            EpochResult x = straight.history().get(i), y = resumed.history().get(i);
            assertEquals(Double.doubleToRawLongBits(x.loss()), Double.doubleToRawLongBits(y.loss()), "epoch " + x.epoch() + " loss");
            assertEquals(Double.doubleToRawLongBits(x.valLoss()), Double.doubleToRawLongBits(y.valLoss()), "epoch " + x.epoch() + " val_loss");
        }
        try (var files = Files.list(killedDir)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")), "stale temporary files were removed");
        }
    }

    /**
     * Starts a worker, lets it write {@code checkpoints} more checkpoints, then kills it with
     * SIGKILL while it keeps training.
     *
     * @return the global step of the last checkpoint the worker reported
     */
    private static long killAfterCheckpoints(Path runDir, String mode, int checkpoints) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path")));
        String threads = System.getProperty("convnet.cpu.threads");
        if (threads != null) command.add("-Dconvnet.cpu.threads=" + threads);
        command.addAll(List.of(ResumeWorker.class.getName(), runDir.toString(), mode));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        long lastStep = -1;
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            int seen = 0;
            String line;
            while (seen < checkpoints && (line = out.readLine()) != null) {
                output.add(line);
                if (line.startsWith("checkpoint ")) {
                    seen++;
                    lastStep = Long.parseLong(line.substring("checkpoint ".length()));
                }
            }
            // Not at a checkpoint boundary: the worker is somewhere in its next steps when the signal lands.
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "worker did not die");
        }
        assertNotEquals(0, p.exitValue(), "the worker finished before it could be killed: " + output);
        assertTrue(lastStep > 0, "worker output: " + output);
        return lastStep;
    }
}
