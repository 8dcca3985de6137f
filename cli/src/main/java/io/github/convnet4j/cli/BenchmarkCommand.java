package io.github.convnet4j.cli;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.io.InputFiles;
import io.github.convnet4j.backend.BackendRegistry;
import io.github.convnet4j.cli.bench.BenchmarkData;
import io.github.convnet4j.cli.bench.BenchmarkReport;
import io.github.convnet4j.cli.bench.Comparison;
import io.github.convnet4j.cli.bench.ConvLayerTiming;
import io.github.convnet4j.cli.bench.ConvRecordingBackend;
import io.github.convnet4j.cli.bench.GemmTiming;
import io.github.convnet4j.cli.bench.LoaderTiming;
import io.github.convnet4j.cli.bench.NetDefaults;
import io.github.convnet4j.cli.bench.OpTimer;
import io.github.convnet4j.cli.bench.PeakFlops;
import io.github.convnet4j.cli.bench.TrainingTiming;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.Presets;
import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.tensor.DType;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code convnet benchmark}: training throughput of a preset network through the real trainer, plus
 * per-convolution and SGEMM GFLOP/s (each also as a percentage of the machine's FMA peak) and the
 * peak RSS, ending in one {@code RESULT} line that {@code bench/vs-peers.sh} compares with the PyTorch
 * and Keras peers'. With {@code --compare FILE} it instead summarises the {@code RESULT} lines
 * collected in a file; with {@code --peak} it only measures the FMA peak.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time training steps of a preset network (img/s), its convolutions and SGEMM (GFLOP/s), and the peak RSS.",
                "The last line is a machine-readable RESULT line; bench/vs-peers.sh runs this beside PyTorch and Keras peers."})
final class BenchmarkCommand implements Callable<Integer> {
    @Option(names = "--net", defaultValue = "keras-mnist", description = "Preset network: keras-mnist, vgg-small, resnet-small, mobilenet-small (or lenet5). Default: ${DEFAULT-VALUE}.")
    String net;

    @Option(names = "--batch-size", description = "Samples per step. Default: 64, 128 for resnet-small.")
    Integer batchSize;

    @Option(names = "--steps", description = "Timed training steps. Default depends on the net and device (CPU: 100 keras-mnist, 40 vgg-small, 5 resnet-small, 10 mobilenet-small).")
    Integer steps;

    @Option(names = "--warmup", description = "Untimed warm-up steps first (>= 1). Default depends on the net and device.")
    Integer warmup;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu, opencl[:i] or cuda[:i]. Default: ${DEFAULT-VALUE}.")
    String device;

    @Option(names = "--threads", description = "CPU backend worker threads (sets -Dconvnet.cpu.threads). Default: the available processors.")
    Integer threads;

    @Option(names = "--gemm", description = "Also time SGEMM at 256^3 and 1024^3.")
    boolean gemm;

    @Option(names = "--conv-profile", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Time each convolution's forward, backward-data and backward-filter on its own shapes (default on).")
    boolean convProfile;

    @Option(names = "--data", description = "Fashion-MNIST folder for 28x28 nets. Default: " + "/usr/share/datasets/fashion-mnist if present, else the bundled copy.")
    Path data;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of weights, data order and synthetic data. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--json", description = "Print one JSON object instead of the text report.")
    boolean json;

    @Option(names = "--peak", description = "Only measure the machine's FP32 peak: a Vector API FMA loop on all threads (or --threads), in GFLOP/s.")
    boolean peak;

    @Option(names = "--peak-gflops", paramLabel = "G", description = "The peak to print GFLOP/s as percentages of, instead of measuring it (about 1.3 s) before the convolution and SGEMM timings.")
    Double peakGflops;

    @Option(names = "--compare", paramLabel = "FILE", description = "Summarise the RESULT lines in FILE (ours, pytorch, keras) instead of running: medians and ratios.")
    Path compare;

    @Option(names = "--loader", description = "Time the image-folder loader instead: decoding 3x96x96 JPEGs on 1 and 2 threads (img/s, medians of 5 runs).")
    boolean loader;

    @Option(names = "--loader-images", defaultValue = "2000", description = "JPEGs per --loader run. Default: ${DEFAULT-VALUE}.")
    int loaderImages;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (peakGflops != null && !(peakGflops > 0 && Double.isFinite(peakGflops))) {
            throw new UsageException("--peak-gflops must be a positive number, got " + peakGflops);
        }
        if (peak && peakGflops != null) throw new UsageException("--peak measures the peak and --peak-gflops gives it: pass one of them");
        if (peak && (compare != null || loader)) throw new UsageException("--peak cannot be combined with " + (compare != null ? "--compare" : "--loader"));
        if (compare != null) {
            System.out.println(Comparison.parse(InputFiles.readText(compare, 1 << 20, "a benchmark result file").lines().toList()).report());
            return 0;
        }
        if (loader) {
            System.out.println(LoaderTiming.measure(positive("--loader-images", loaderImages, 0), 5, seed).text());
            return 0;
        }
        if (threads != null) {
            if (threads < 1) throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
            System.setProperty("convnet.cpu.threads", String.valueOf(threads));
        }
        int threadCount = threads != null ? threads : Integer.getInteger("convnet.cpu.threads", Runtime.getRuntime().availableProcessors());
        if (peak) {
            System.out.println(PeakFlops.measure(threadCount).text());
            return 0;
        }
        PrintStream log = json ? System.err : System.out;
        Model.of(Presets.get(net)).close(); // an unknown preset fails before a device is opened
        try (Backend backend = BackendRegistry.discover().open(device, log::println);
             Model model = Model.of(Presets.get(net))) {
            NetDefaults d = NetDefaults.of(net, backend.name().equals("cpu"));
            int batch = positive("--batch-size", batchSize, d.batch());
            int timed = positive("--steps", steps, d.steps());
            int warm = positive("--warmup", warmup, d.warmup());

            ConvRecordingBackend recorder = new ConvRecordingBackend(backend);
            model.build(recorder, DType.F32, seed);
            BenchmarkData trainingData = BenchmarkData.load(model.inputShape(), batch, (long) warm + timed, data, seed);
            TrainingTiming training = TrainingTiming.run(model, recorder, trainingData, batch, warm, timed, seed);

            List<ConvLayerTiming> convs = new ArrayList<>();
            if (convProfile) {
                for (ConvRecordingBackend.ConvCall c : recorder.calls()) {
                    convs.add(ConvLayerTiming.measure(layerName(model, c), c, backend, OpTimer.standard()));
                }
            }
            List<GemmTiming> gemms = new ArrayList<>();
            if (gemm) for (int n : new int[] {256, 1024}) gemms.add(GemmTiming.measure(backend, n, OpTimer.standard()));

            BenchmarkReport report = new BenchmarkReport(net, backend.description(), backend.name(), threadCount, model.parameterCount(),
                    model.trainableParameterCount(), trainingData, training, gemms, convs,
                    convs.isEmpty() && gemms.isEmpty() ? OptionalDouble.empty() : peakFor(backend, threadCount, log));
            System.out.println(json ? report.json() : report.text());
        }
        return 0;
    }

    /**
     * The peak the GFLOP/s are put against: {@code --peak-gflops}, else measured now (after the other
     * timings, so the loop does not heat the cores before them). Only the CPU backend's figures
     * compare with the CPU's peak; elsewhere, or without the Vector API, there is none.
     */
    private OptionalDouble peakFor(Backend backend, int threadCount, PrintStream log) {
        if (peakGflops != null) return OptionalDouble.of(peakGflops);
        if (!backend.name().equals("cpu")) return OptionalDouble.empty();
        try {
            PeakFlops p = PeakFlops.measure(threadCount);
            log.println(p.text());
            return OptionalDouble.of(p.gflops());
        } catch (IllegalStateException e) {
            log.println("peak: n/a (" + e.getMessage() + ")");
            return OptionalDouble.empty();
        }
    }

    private static int positive(String option, Integer given, int fallback) {
        int v = given != null ? given : fallback;
        if (v < 1) throw new IllegalArgumentException(option + " must be >= 1, got " + v);
        return v;
    }

    /** The convolution's layer: its kernel parameter's name without {@code /kernel}. */
    private static String layerName(Model model, ConvRecordingBackend.ConvCall c) {
        for (Parameter p : model.parameters()) {
            if (p.value().buffer() == c.weights()) {
                String n = p.name();
                return n.endsWith("/kernel") ? n.substring(0, n.length() - "/kernel".length()) : n;
            }
        }
        return "conv" + c.filter();
    }
}
