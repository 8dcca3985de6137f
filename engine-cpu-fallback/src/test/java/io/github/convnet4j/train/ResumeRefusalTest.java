package io.github.convnet4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.ops.LossKind;
import io.github.convnet4j.cpu.CpuBackendProvider;
import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.tensor.DType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every refusal a resume can meet, each on the same checkpoint: a setting that decides the numbers
 * changed (each one of {@link ResumeCheck}), another architecture, other data, an epoch count
 * below where the run stands. Each message is one line naming the setting and both values.
 */
class ResumeRefusalTest {
    @TempDir static Path tmp;
    static Backend backend;
    static final Dataset DATA = SyntheticData.quadrants(96, 8, 5);

    /** 72 training samples (a quarter of 96 held out) in batches of 16: 5 steps an epoch; stopped after epoch 2 of 3. */
    static TrainConfig saved(Path dir) {
        return TrainConfig.builder().epochs(3).batchSize(16).optimizer("sgd:lr=0.05,momentum=0.9").loss(LossKind.SOFTMAX_CROSS_ENTROPY)
                .seed(11).augmentation("flip").schedule("step:every=2,factor=0.5").validationFraction(0.25).runDir(dir).resume(true).build();
    }

    @BeforeAll static void train() throws IOException {
        backend = new CpuBackendProvider().open("");
        try (Model m = model(SyntheticData.smallConvNet(4))) {
            Trainer t = new Trainer();
            t.fit(m, DATA, null, saved(tmp).toBuilder().resume(false).build(), new TrainingListener() {
                @Override public void onEpochEnd(EpochResult r) { if (r.epoch() == 2) t.requestStop(); }
            });
        }
    }

    @AfterAll static void close() { backend.close(); }

    static Model model(ModelSpec spec) {
        Model m = Model.of(spec);
        m.build(backend, DType.F32, 1);
        return m;
    }

    private static DynamicTest refused(String name, UnaryOperator<TrainConfig.Builder> change, String expected) {
        return refused(name, SyntheticData.smallConvNet(4), DATA, change, expected);
    }

    private static DynamicTest refused(String name, ModelSpec spec, Dataset data, UnaryOperator<TrainConfig.Builder> change, String expected) {
        return DynamicTest.dynamicTest(name, () -> {
            try (Model m = model(spec)) {
                IOException e = assertThrows(IOException.class,
                        () -> new Trainer().fit(m, data, null, change.apply(saved(tmp).toBuilder()).build(), null));
                assertTrue(e.getMessage().startsWith(tmp.resolve(Checkpoint.FILE_NAME) + ": "), e.getMessage());
                assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' should contain '" + expected + "'");
                assertFalse(e.getMessage().contains("\n"), e.getMessage());
            }
        });
    }

    @TestFactory Stream<DynamicTest> everyChangedSettingIsRefusedNamingBothValues() {
        ModelSpec wider = SyntheticData.smallConvNet(4).withLayer(0, SyntheticData.smallConvNet(4).layers().get(0).with("filters", 6));
        return Stream.of(
                refused("batch size", b -> b.batchSize(32), "cannot resume with batch size 32, the run was started with 16"),
                refused("optimizer", b -> b.optimizer("adam"), "cannot resume with optimizer adam, the run was started with sgd:lr=0.05,momentum=0.9"),
                refused("loss", b -> b.loss(LossKind.MEAN_SQUARED_ERROR), "cannot resume with loss mse, the run was started with categorical_crossentropy"),
                refused("seed", b -> b.seed(12), "cannot resume with seed 12, the run was started with 11"),
                refused("augmentation", b -> b.augmentation("flip,shift=1"), "cannot resume with augmentation flip,shift=1, the run was started with flip"),
                refused("no augmentation", b -> b.augmentation(null), "cannot resume with augmentation none, the run was started with flip"),
                refused("schedule", b -> b.schedule("cosine"), "cannot resume with schedule cosine, the run was started with step:every=2,factor=0.5"),
                refused("validation split", b -> b.validationFraction(0.5), "cannot resume with validation split 0.5, the run was started with 0.25"),
                refused("architecture", wider, DATA, b -> b, "the checkpoint's architecture differs from the model being trained"),
                refused("data size", SyntheticData.smallConvNet(4), SyntheticData.quadrants(80, 8, 5), b -> b,
                        "the checkpoint was taken with 72 training samples, the data now has 60"),
                refused("fewer epochs", b -> b.epochs(1), "the checkpoint is at epoch 2, beyond the 1 epochs asked for"));
    }

    @TestFactory Stream<DynamicTest> equalSettingsWrittenDifferentlyAreAccepted() {
        // Canonical comparison: defaults written out, or "none" for no augmentation, are the same settings.
        return Stream.of(
                DynamicTest.dynamicTest("optimizer with defaults written out", () -> {
                    ResumeCheck.compatible(saved(tmp), saved(tmp).toBuilder().optimizer("sgd:momentum=0.9,lr=0.05,nesterov=false").build(), "x");
                }),
                DynamicTest.dynamicTest("schedule and augmentation spelled otherwise", () -> {
                    TrainConfig a = saved(tmp).toBuilder().augmentation(null).schedule("constant").build();
                    ResumeCheck.compatible(a, a.toBuilder().augmentation("none").schedule("").build(), "x");
                }),
                DynamicTest.dynamicTest("more epochs and another checkpoint interval", () -> {
                    // On a copy, so that the refusals above still meet the checkpoint at epoch 2.
                    Path copy = Files.createDirectories(tmp.resolve("copy"));
                    Files.copy(tmp.resolve(Checkpoint.FILE_NAME), copy.resolve(Checkpoint.FILE_NAME));
                    try (Model m = model(SyntheticData.smallConvNet(4))) {
                        TrainResult r = new Trainer().fit(m, DATA, null, saved(copy).toBuilder().epochs(4).checkpointEverySteps(2).build(), null);
                        assertEquals(4, r.history().size());
                        assertEquals(20, r.globalStep());
                    }
                }));
    }
}
