package io.github.convnet4j.train;

import io.github.convnet4j.chart.TrainingCurvesChart;
import io.github.convnet4j.io.AtomicFiles;
import io.github.convnet4j.io.FileNames;
import io.github.convnet4j.io.SafeTensors;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.optim.Optimizer;
import io.github.convnet4j.persist.ModelFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The one owner of a run directory: it takes the directory's lock, reads the checkpoint (once, on
 * resume) and writes every file of the run, each atomically:
 * <ul>
 *   <li>{@code checkpoint.safetensors} ({@link Checkpoint}),</li>
 *   <li>{@code history.csv} and {@code history.json} ({@link History}), and the chart {@code curves.png} ({@link TrainingCurvesChart}),</li>
 *   <li>{@code model.safetensors} ({@link ModelFile}),</li>
 *   <li>{@code best.safetensors}, the model at its best epoch so far ({@link ModelFile}; with keep-best),</li>
 *   <li>{@code test-metrics.json} (written by the caller's evaluation).</li>
 * </ul>
 * A new run refuses a directory that is a file, that holds a run's files, or that another process
 * is training in. Opening one removes temporary files a killed write left behind. Closing releases
 * the lock; a directory this object created and never wrote into is removed again, so a run that
 * fails before its first checkpoint leaves nothing behind.
 */
public final class RunDirectory implements AutoCloseable {
    /** The file the caller's final evaluation goes to. */
    public static final String TEST_METRICS_FILE = "test-metrics.json";
    /** The model at the best epoch so far, written when {@link TrainConfig#keepBest()} is set. */
    public static final String BEST_MODEL_FILE = "best.safetensors";
    /** Every file a run writes, in the order a run writes them. */
    static final List<String> RUN_FILES = List.of(Checkpoint.FILE_NAME, History.CSV_FILE, History.JSON_FILE,
            TrainingCurvesChart.FILE_NAME, BEST_MODEL_FILE, ModelFile.FILE_NAME, TEST_METRICS_FILE);

    private final Path dir;
    private final RunLock lock;
    private final boolean created;
    private final CheckpointData checkpoint;
    private boolean written;
    /** Set when curves.png could not be drawn: the run goes on without it, and does not try again. */
    private boolean chartUnavailable;

    private RunDirectory(Path dir, RunLock lock, boolean created, CheckpointData checkpoint) {
        this.dir = dir;
        this.lock = lock;
        this.created = created;
        this.checkpoint = checkpoint;
    }

    /**
     * Where a new run goes by default: {@code runs/<model name>-<yyyyMMdd-HHmmss>}, the name made a
     * safe single path component ({@link FileNames#safeComponent}), {@code model} when it has none.
     */
    public static Path defaultPath(String modelName, LocalDateTime now) {
        return Path.of("runs", FileNames.safeComponent(modelName, "model") + "-" + now.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    /**
     * A directory for a new run: created when missing, locked, cleaned of stale temporary files.
     *
     * @throws IOException one line naming the directory: it is a file, it already holds a run's
     *                     files (a checkpoint: resume it instead), or another run holds its lock
     */
    public static RunDirectory create(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException(dir + ": exists and is not a directory; a run needs a new or empty directory for its checkpoint, history and model");
        }
        boolean created = !Files.exists(dir);
        Files.createDirectories(dir);
        RunLock lock = null;
        try {
            lock = RunLock.acquire(dir);
            if (Files.exists(dir.resolve(Checkpoint.FILE_NAME))) {
                throw new IOException(dir + " already holds a run; use --resume " + dir + " to continue it, or another directory");
            }
            for (String f : RUN_FILES) {
                if (Files.exists(dir.resolve(f))) {
                    throw new IOException(dir + " already holds " + f + " from an earlier run, which a new run would overwrite; choose another directory");
                }
            }
            removeStaleTemporaryFiles(dir);
            return new RunDirectory(dir, lock, created, null);
        } catch (IOException | RuntimeException e) {
            if (lock != null) lock.close();
            if (created) removeEmpty(dir);
            throw e;
        }
    }

    /**
     * A run to continue: locked, cleaned of stale temporary files, its checkpoint read and checked.
     *
     * @throws IOException one line naming the directory or file: no such directory, no checkpoint,
     *                     another run holds the lock, or the checkpoint is inconsistent
     */
    public static RunDirectory resume(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException(dir + ": no such run directory, so no " + Checkpoint.FILE_NAME + " to resume from");
        RunLock lock = RunLock.acquire(dir);
        try {
            int stale = removeStaleTemporaryFiles(dir);
            if (!Files.isRegularFile(dir.resolve(Checkpoint.FILE_NAME))) {
                throw new IOException(dir + ": no " + Checkpoint.FILE_NAME + " to resume from"
                        + (stale > 0 ? " (the run was stopped while writing its first one; start it again)" : ""));
            }
            return new RunDirectory(dir, lock, false, Checkpoint.read(dir));
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** The directory. */
    public Path path() { return dir; }

    /** The checkpoint a resumed run continues from, read once when opened; null for a new run. */
    public CheckpointData checkpoint() { return checkpoint; }

    /** Writes the checkpoint; returns its file. */
    Path writeCheckpoint(Model model, TrainConfig config, Optimizer optimizer, TrainingProgress progress) throws IOException {
        written = true;
        return Checkpoint.write(dir, model, config, optimizer, progress, SafeTensors::write);
    }

    /**
     * Writes {@code history.csv}, {@code history.json} and {@code curves.png}. The chart is a view of
     * the history files: where it cannot be drawn (a Java runtime without {@code java.desktop}, a
     * server without fonts) the run goes on without it: the returned line says why, once, and later
     * calls do not try again.
     *
     * @return null, or (the first time only) why {@code curves.png} was not written
     * @throws IOException when a file cannot be written (a full disk stops the run, chart or not)
     */
    String writeHistory(List<EpochResult> history) throws IOException {
        written = true;
        byte[] csv = History.toCsv(history).getBytes(StandardCharsets.UTF_8);
        byte[] json = (TrainJson.historyToJson(history) + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(dir.resolve(History.CSV_FILE), out -> out.write(csv));
        AtomicFiles.write(dir.resolve(History.JSON_FILE), out -> out.write(json));
        if (history.isEmpty() || chartUnavailable) return null;
        Path chart = dir.resolve(TrainingCurvesChart.FILE_NAME);
        try {
            TrainingCurvesChart.write(chart, history);
            return null;
        } catch (RuntimeException | Error e) {
            // A runtime without graphics throws NoClassDefFoundError (no java.desktop), Error or
            // InternalError from the font manager (no fonts), HeadlessException, UnsatisfiedLinkError.
            // Running out of memory or stack is none of those and still stops the run.
            if (e instanceof OutOfMemoryError || e instanceof StackOverflowError) throw e;
            chartUnavailable = true;
            return chart + " not written (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "); the numbers are in " + History.CSV_FILE;
        }
    }

    /** Writes the final {@code model.safetensors}; returns its file. */
    Path writeModel(Model model) throws IOException {
        written = true;
        Path file = dir.resolve(ModelFile.FILE_NAME);
        ModelFile.save(model, file);
        return file;
    }

    /** Writes {@code best.safetensors}, replacing the previous best atomically; returns its file. */
    Path writeBestModel(Model model) throws IOException {
        written = true;
        Path file = dir.resolve(BEST_MODEL_FILE);
        ModelFile.save(model, file);
        return file;
    }

    /** Writes {@code test-metrics.json} (the caller's JSON text); returns its file. */
    public Path writeTestMetrics(String json) throws IOException {
        written = true;
        Path file = dir.resolve(TEST_METRICS_FILE);
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
        return file;
    }

    /** Releases the lock; removes the directory again when this object created it and nothing was written. */
    @Override
    public void close() throws IOException {
        lock.close();
        if (created && !written) removeEmpty(dir);
    }

    /**
     * Deletes temporary files that a killed write ({@code kill -9}, power loss) left:
     * {@code .<name>.<random>.tmp} for the files a run writes. Only called with the lock held, so it
     * never deletes a live writer's file; never touches anything else.
     *
     * @return how many were deleted
     */
    static int removeStaleTemporaryFiles(Path dir) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                for (String name : RUN_FILES) {
                    if (n.startsWith("." + name + ".") && Files.isRegularFile(f)) {
                        Files.deleteIfExists(f);
                        removed++;
                        break;
                    }
                }
            }
        }
        return removed;
    }

    /** Removes the lock file and the directory, only if nothing else is in it. */
    private static void removeEmpty(Path dir) {
        try {
            try (var files = Files.list(dir)) {
                if (files.anyMatch(f -> !f.getFileName().toString().equals(RunLock.FILE_NAME))) return;
            }
            Files.deleteIfExists(dir.resolve(RunLock.FILE_NAME));
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // Best effort: the failure that brought us here matters more.
        }
    }
}
