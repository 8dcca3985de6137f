package io.github.convnet4j.train;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.cpu.CpuBackendProvider;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.tensor.DType;
import java.nio.file.Path;

/**
 * The training run {@link KillResumeTest} starts in a child JVM and kills with SIGKILL. Prints
 * {@code checkpoint <global step>} after every checkpoint so the test knows the run is under way.
 * Arguments: run directory, {@code fresh} or {@code resume}.
 */
public final class ResumeWorker {
    private ResumeWorker() {}

    /** The run both processes perform; the test compares it with the same run done without a kill. */
    static TrainConfig config(Path runDir, boolean resume) {
        return TrainConfig.builder().epochs(12).batchSize(16).optimizer("adam:lr=0.01").seed(4242)
                .augmentation("flip,shift=1").schedule("cosine:warmup=1").validationFraction(0.2)
                .runDir(runDir).checkpointEverySteps(4).resume(resume).build();
    }

    static TrainResult train(Backend backend, Path runDir, boolean resume, TrainingListener listener) throws Exception {
        try (Model model = Model.of(SyntheticData.smallConvNet(4))) {
            model.build(backend, DType.F32, resume ? 999 : 1);
            TrainResult r = new Trainer().fit(model, SyntheticData.quadrants(160, 8, 17), null, config(runDir, resume), listener);
            return r;
        }
    }

    public static void main(String[] args) throws Exception {
        try (Backend backend = new CpuBackendProvider().open("")) {
            train(backend, Path.of(args[0]), args[1].equals("resume"), new TrainingListener() {
                @Override public void onCheckpoint(Path file, int epoch, int batch, long globalStep) {
                    System.out.println("checkpoint " + globalStep);
                    System.out.flush();
                }
            });
        }
        System.out.println("done");
    }
}
