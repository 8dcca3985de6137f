package io.github.convnet4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.backend.ops.LossKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainJsonTest {
    @Test void configRoundTripsWithoutRunDirAndResume() {
        TrainConfig c = TrainConfig.builder().epochs(7).batchSize(33).optimizer("sgd:lr=0.1,momentum=0.9").loss(LossKind.MEAN_ABSOLUTE_ERROR)
                .seed(-1234567890123L).augmentation("flip,shift=2").schedule("cosine:min=0.001").validationFraction(0.125)
                .runDir(Path.of("/tmp/x")).checkpointEverySteps(5).resume(true).extra("data", "/data/mnist").build();
        TrainConfig back = TrainJson.configFromJson(TrainJson.configToJson(c));
        assertEquals(c.toBuilder().runDir(null).resume(false).build(), back);
        TrainConfig defaults = TrainJson.configFromJson(TrainJson.configToJson(TrainConfig.builder().build()));
        assertNull(defaults.loss());
        assertNull(defaults.augmentation());
        assertEquals(64, defaults.batchSize());
    }

    @Test void progressRoundTripsBitForBit() {
        EpochResult e1 = new EpochResult(1, 0.1 + 0.2, 0.75, Double.NaN, Double.NaN, 1e-3, 1.5, 1234.5);
        EpochResult e2 = new EpochResult(2, Math.PI, 1.0 / 3, Math.E, 0.5, 5e-4, 2.25, 99.0);
        TrainingProgress p = new TrainingProgress(2, 3, 27, 512, Map.of("lr", "0.1", "best", "Infinity"),
                Math.nextUp(12.34), 77, 96, 0.5, List.of(e1, e2));
        TrainingProgress back = TrainJson.progressFromJson(TrainJson.progressToJson(p));
        assertEquals(p.epoch(), back.epoch());
        assertEquals(p.batch(), back.batch());
        assertEquals(p.globalStep(), back.globalStep());
        assertEquals(Double.doubleToRawLongBits(p.lossSum()), Double.doubleToRawLongBits(back.lossSum()));
        assertEquals(p.scheduleState(), back.scheduleState());
        assertEquals(p.history(), back.history());
        assertTrue(Double.isNaN(back.history().get(0).valLoss()));
    }

    @Test void rejectsBrokenJson() {
        assertThrows(IllegalArgumentException.class, () -> TrainJson.configFromJson("{"));
        assertThrows(IllegalArgumentException.class, () -> TrainJson.configFromJson("{\"epochs\": 3}"));
        String good = TrainJson.configToJson(TrainConfig.builder().build());
        assertThrows(IllegalArgumentException.class, () -> TrainJson.configFromJson(good.replace("\"epochs\":10", "\"epochs\":\"ten\"")));
        assertThrows(IllegalArgumentException.class, () -> TrainJson.configFromJson(good.replace("\"adam\"", "\"adamw\"")));
        // History must be numbered 1, 2, ... and the progress must have one entry per finished epoch.
        assertThrows(IllegalArgumentException.class, () -> TrainJson.historyFromJson("[{\"epoch\":2,\"loss\":1,\"accuracy\":1,\"val_loss\":null,"
                + "\"val_accuracy\":null,\"learning_rate\":1,\"seconds\":1,\"images_per_second\":1}]"));
        assertThrows(IllegalArgumentException.class, () -> new TrainingProgress(1, 0, 5, 10, Map.of(), 0, 0, 0, 0, List.of()));
    }

    @Test void historyCsvHasEmptyCellsWithoutValidation() {
        String csv = History.toCsv(List.of(new EpochResult(1, 0.5, 0.25, Double.NaN, Double.NaN, 0.01, 1.0, 10.0),
                new EpochResult(2, 0.5, 0.25, Double.NaN, Double.NaN, 0.01, 1.0, 10.0, 0.25)));
        assertEquals("epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds,images_per_second,data_wait_s\n"
                + "1,0.5,0.25,,,0.01,1.000,10.0,\n2,0.5,0.25,,,0.01,1.000,10.0,0.250\n", csv);
    }

    @Test void historyJsonKeepsTheDataWaitAndReadsOlderHistoriesWithoutIt() {
        List<EpochResult> h = List.of(new EpochResult(1, 0.5, 0.25, Double.NaN, Double.NaN, 0.01, 1.0, 10.0, 0.125));
        assertEquals(h, TrainJson.historyFromJson(TrainJson.historyToJson(h).toString()));
        List<EpochResult> old = TrainJson.historyFromJson("[{\"epoch\":1,\"loss\":1,\"accuracy\":1,\"val_loss\":null,"
                + "\"val_accuracy\":null,\"learning_rate\":1,\"seconds\":1,\"images_per_second\":1}]");
        assertTrue(Double.isNaN(old.get(0).dataWaitSeconds()));
    }
}
