package io.github.convnet4j.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Everything one {@code convnet benchmark} run measured, as a text report ending in the
 * {@link ResultLine} or as one JSON object.
 *
 * @param net             the preset name
 * @param device          the backend's description
 * @param deviceName      the backend's short name ({@code cpu}, {@code cuda}, ...), the result line's {@code device=}
 * @param threads         CPU worker threads of the run
 * @param params          all parameter values (batch-norm statistics included)
 * @param trainableParams values the optimizer updates
 * @param data            the training data
 * @param training        the timed steps
 * @param gemm            SGEMM timings, empty without {@code --gemm}
 * @param convs           per-convolution timings, empty with {@code --no-conv-profile}
 * @param peakGflops      the machine's FMA peak ({@link PeakFlops}, measured or given), or empty: every GFLOP/s
 *                        figure is then also printed as a percentage of it
 */
public record BenchmarkReport(String net, String device, String deviceName, int threads, long params, long trainableParams,
                              BenchmarkData data, TrainingTiming training, List<GemmTiming> gemm, List<ConvLayerTiming> convs,
                              OptionalDouble peakGflops) {
    public BenchmarkReport {
        gemm = List.copyOf(gemm);
        convs = List.copyOf(convs);
    }

    /** The machine-readable line, as {@code bench/pytorch_peer.py} prints its own. */
    public ResultLine resultLine() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("net", net);
        f.put("imgs_per_s", ResultLine.decimal(training.imagesPerSecond(), 1));
        f.put("peak_rss_mb", ResultLine.decimal(training.peakRssMb().orElse(Double.NaN), 1));
        f.put("side", Comparison.OURS);
        f.put("device", deviceName);
        f.put("threads", String.valueOf(threads));
        f.put("batch", String.valueOf(training.batch()));
        f.put("warmup", String.valueOf(training.warmup()));
        f.put("steps", String.valueOf(training.steps()));
        f.put("samples", String.valueOf(data.dataset().size()));
        f.put("data", data.description());
        f.put("params", String.valueOf(params));
        f.put("trainable_params", String.valueOf(trainableParams));
        f.put("step_ms_median", ResultLine.decimal(Stats.median(training.stepSeconds()) * 1e3, 2));
        for (GemmTiming g : gemm) f.put("sgemm" + g.n() + "_gflops", ResultLine.decimal(g.gflops(), 2));
        if (peakGflops.isPresent()) f.put("peak_gflops", ResultLine.decimal(peakGflops.getAsDouble(), 1));
        return new ResultLine(f);
    }

    /** The human-readable report; its last line is the result line. */
    public String text() {
        List<String> out = new ArrayList<>();
        double[] steps = training.stepSeconds();
        out.add(String.format(Locale.ROOT, "benchmark: %s on %s", net, device));
        out.add(String.format(Locale.ROOT, "  params %,d (trainable %,d); batch %d; %d warm-up + %d timed training steps (Adam, cross-entropy)",
                params, trainableParams, training.batch(), training.warmup(), training.steps()));
        out.add(String.format(Locale.ROOT, "  data: %s, %d samples (%s)", data.description(), data.dataset().size(), data.source()));
        out.add(String.format(Locale.ROOT, "training: %.1f img/s (step median %.2f ms, min %.2f, max %.2f)", training.imagesPerSecond(),
                Stats.median(steps) * 1e3, Stats.min(steps) * 1e3, Stats.max(steps) * 1e3));
        out.add(training.peakRssMb().isPresent()
                ? String.format(Locale.ROOT, "peak RSS: %.1f MB (VmHWM after the timed steps)", training.peakRssMb().getAsDouble())
                : "peak RSS: n/a (no /proc/self/status)");
        if (peakGflops.isPresent() && (!gemm.isEmpty() || !convs.isEmpty())) {
            out.add(String.format(Locale.ROOT, "percentages: of the FMA peak, %.1f GFLOP/s", peakGflops.getAsDouble()));
        }
        for (GemmTiming g : gemm) {
            out.add(String.format(Locale.ROOT, "SGEMM %d^3: %.2f GFLOP/s%s (%.3f ms)", g.n(), g.gflops(), ofPeak(g.gflops()), g.seconds() * 1e3));
        }
        if (!convs.isEmpty()) {
            out.add("per-conv-layer GFLOP/s (each pass 2*N*K*C*R*S*P*Q FLOPs, median of repeats" + (peakGflops.isPresent() ? "; % of peak" : "") + "):");
            String cell = peakGflops.isPresent() ? " %15s" : " %9s";
            out.add(String.format(Locale.ROOT, "  %-32s %-18s %-18s %-6s" + cell.repeat(4) + " %9s", "layer", "input", "filter", "stride",
                    "fwd", "bwd-data", "bwd-filt", "3-pass", "ms"));
            for (ConvLayerTiming c : convs) {
                out.add(String.format(Locale.ROOT, "  %-32s %-18s %-18s %-6s" + cell.repeat(4) + " %9.2f", c.name(), dims(c.call().input()),
                        dims(c.call().filter()), c.call().params().strideH() + "x" + c.call().params().strideW(),
                        gflopsCell(c.forwardGflops()), gflopsCell(c.dataGflops()), gflopsCell(c.filterGflops()), gflopsCell(c.totalGflops()),
                        c.totalSeconds() * 1e3));
            }
            double flops = 0, seconds = 0;
            for (ConvLayerTiming c : convs) {
                flops += 3 * c.flopsPerPass();
                seconds += c.totalSeconds();
            }
            double all = flops / seconds / 1e9;
            out.add(String.format(Locale.ROOT, "  all convolutions: %.2f GFLOP/s%s, %.2f ms per step for 3 passes (training step median %.2f ms)",
                    all, ofPeak(all), seconds * 1e3, Stats.median(steps) * 1e3));
        }
        out.add(resultLine().format());
        return String.join(System.lineSeparator(), out);
    }

    /** {@code gflops} as a percentage of the peak, or NaN without one. */
    public double percentOfPeak(double gflops) {
        return peakGflops.isPresent() ? 100 * gflops / peakGflops.getAsDouble() : Double.NaN;
    }

    /** {@code " (37 % of peak)"}, or nothing without a peak. */
    private String ofPeak(double gflops) {
        return peakGflops.isPresent() ? String.format(Locale.ROOT, " (%.0f %% of peak)", percentOfPeak(gflops)) : "";
    }

    /** A table cell: {@code "123.45"}, or {@code "123.45 (26%)"} with a peak. */
    private String gflopsCell(double gflops) {
        return peakGflops.isPresent()
                ? String.format(Locale.ROOT, "%.2f (%.0f%%)", gflops, percentOfPeak(gflops))
                : String.format(Locale.ROOT, "%.2f", gflops);
    }

    /** One JSON object with every number and the result line. */
    public String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("net", net);
        root.put("device", device);
        root.put("threads", threads);
        root.put("params", params);
        root.put("trainable_params", trainableParams);
        root.put("batch", training.batch());
        root.put("warmup", training.warmup());
        root.put("steps", training.steps());
        root.put("data", data.description());
        root.put("samples", data.dataset().size());
        root.put("images_per_second", training.imagesPerSecond());
        root.put("step_seconds", training.stepSeconds());
        root.put("peak_rss_mb", training.peakRssMb().isPresent() ? training.peakRssMb().getAsDouble() : null);
        root.put("peak_gflops", peakGflops.isPresent() ? peakGflops.getAsDouble() : null);
        List<Map<String, Object>> g = new ArrayList<>();
        for (GemmTiming t : gemm) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("n", t.n());
            m.put("seconds", t.seconds());
            m.put("gflops", t.gflops());
            if (peakGflops.isPresent()) m.put("percent_of_peak", percentOfPeak(t.gflops()));
            g.add(m);
        }
        root.put("sgemm", g);
        List<Map<String, Object>> c = new ArrayList<>();
        for (ConvLayerTiming t : convs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("layer", t.name());
            m.put("input", t.call().input().dims());
            m.put("filter", t.call().filter().dims());
            m.put("output", t.call().output().dims());
            m.put("stride", new int[] {t.call().params().strideH(), t.call().params().strideW()});
            m.put("padding", new int[] {t.call().params().padTop(), t.call().params().padLeft(), t.call().params().padBottom(), t.call().params().padRight()});
            m.put("flops_per_pass", t.flopsPerPass());
            m.put("forward_seconds", t.forwardSeconds());
            m.put("backward_data_seconds", t.dataSeconds());
            m.put("backward_filter_seconds", t.filterSeconds());
            m.put("forward_gflops", t.forwardGflops());
            m.put("backward_data_gflops", t.dataGflops());
            m.put("backward_filter_gflops", t.filterGflops());
            m.put("three_pass_gflops", t.totalGflops());
            if (peakGflops.isPresent()) {
                m.put("forward_percent_of_peak", percentOfPeak(t.forwardGflops()));
                m.put("backward_data_percent_of_peak", percentOfPeak(t.dataGflops()));
                m.put("backward_filter_percent_of_peak", percentOfPeak(t.filterGflops()));
                m.put("three_pass_percent_of_peak", percentOfPeak(t.totalGflops()));
            }
            c.add(m);
        }
        root.put("conv_layers", c);
        root.put("result_line", resultLine().format());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the benchmark JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String dims(io.github.convnet4j.tensor.Shape s) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < s.rank(); i++) b.append(i == 0 ? "" : ",").append(s.dim(i));
        return b.append(')').toString();
    }
}
