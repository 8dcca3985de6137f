package io.github.convnet4j.train;

import io.github.convnet4j.chart.TrainingCurvesChart;
import io.github.convnet4j.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes a run's per-epoch results as {@code history.csv} (header
 * {@code epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds,images_per_second}, empty
 * cells without validation), {@code history.json} and the chart {@code curves.png}, each atomically.
 */
public final class History {
    public static final String CSV_FILE = "history.csv";
    public static final String JSON_FILE = "history.json";

    private History() {}

    /** Writes the three files into {@code runDir}. */
    public static void write(Path runDir, List<EpochResult> history) throws IOException {
        byte[] csv = toCsv(history).getBytes(StandardCharsets.UTF_8);
        byte[] json = (TrainJson.historyToJson(history) + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(runDir.resolve(CSV_FILE), out -> out.write(csv));
        AtomicFiles.write(runDir.resolve(JSON_FILE), out -> out.write(json));
        if (!history.isEmpty()) TrainingCurvesChart.write(runDir.resolve(TrainingCurvesChart.FILE_NAME), history);
    }

    /** The CSV text. */
    public static String toCsv(List<EpochResult> history) {
        StringBuilder b = new StringBuilder("epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds,images_per_second\n");
        for (EpochResult r : history) {
            b.append(r.epoch()).append(',').append(cell(r.loss())).append(',').append(cell(r.accuracy())).append(',')
                    .append(cell(r.valLoss())).append(',').append(cell(r.valAccuracy())).append(',').append(cell(r.learningRate()))
                    .append(',').append(String.format(Locale.ROOT, "%.3f", r.seconds())).append(',')
                    .append(String.format(Locale.ROOT, "%.1f", r.imagesPerSecond())).append('\n');
        }
        return b.toString();
    }

    private static String cell(double v) { return Double.isNaN(v) ? "" : Double.toString(v); }
}
