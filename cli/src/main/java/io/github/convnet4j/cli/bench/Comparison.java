package io.github.convnet4j.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Our engine against the PyTorch peer from a mixed list of {@link ResultLine}s: per network, the
 * img/s of every run on each side, their medians, the median peak RSS, and the ratio of the medians
 * {@code ours / pytorch}. The report ends with one {@code <net> ours/pytorch = R} line per network,
 * {@code keras-mnist} last, so a script's last line is the headline number.
 */
public final class Comparison {
    /** Side name of our engine in result lines. */
    public static final String OURS = "ours";
    /** Side name of the PyTorch peer in result lines. */
    public static final String PEER = "pytorch";
    /** The network whose ratio line is printed last. */
    public static final String HEADLINE_NET = "keras-mnist";

    /** Settings that must be equal on both sides for the comparison to mean anything. */
    public static final List<String> MUST_MATCH = List.of("batch", "warmup", "steps", "threads", "device", "samples", "data",
            "params", "trainable_params");

    /** One network's runs. */
    public record NetResult(String net, List<ResultLine> ours, List<ResultLine> peer) {
        /** Median img/s of our runs. */
        public double oursMedian() { return Stats.median(rates(ours)); }

        /** Median img/s of the peer's runs. */
        public double peerMedian() { return Stats.median(rates(peer)); }

        /** {@code oursMedian / peerMedian}. */
        public double ratio() { return oursMedian() / peerMedian(); }

        /** The headline line: {@code <net> ours/pytorch = R} with R to 2 decimals. */
        public String ratioLine() { return net + " ours/pytorch = " + String.format(Locale.ROOT, "%.2f", ratio()); }
    }

    private final List<NetResult> nets;

    private Comparison(List<NetResult> nets) { this.nets = List.copyOf(nets); }

    /**
     * Groups result lines by network (first appearance order) and side.
     *
     * @throws IllegalArgumentException when there are no lines, a side is neither ours nor pytorch,
     *                                  or a network lacks results from one side
     */
    public static Comparison of(List<ResultLine> lines) {
        if (lines.isEmpty()) throw new IllegalArgumentException("no RESULT lines to compare");
        Map<String, List<ResultLine>> ours = new LinkedHashMap<>(), peer = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        for (ResultLine r : lines) {
            if (!order.contains(r.net())) order.add(r.net());
            Map<String, List<ResultLine>> side = switch (r.side()) {
                case OURS -> ours;
                case PEER -> peer;
                default -> throw new IllegalArgumentException("result line side=" + r.side() + " is neither " + OURS + " nor " + PEER);
            };
            side.computeIfAbsent(r.net(), k -> new ArrayList<>()).add(r);
        }
        List<NetResult> out = new ArrayList<>();
        for (String net : order) {
            List<ResultLine> o = ours.getOrDefault(net, List.of()), p = peer.getOrDefault(net, List.of());
            if (o.isEmpty()) throw new IllegalArgumentException("no results from our engine for " + net);
            if (p.isEmpty()) throw new IllegalArgumentException("no results from the PyTorch peer for " + net);
            checkSameSettings(net, o, p);
            out.add(new NetResult(net, List.copyOf(o), List.copyOf(p)));
        }
        // The headline network goes last so that its ratio is the report's last line.
        out.sort((a, b) -> Boolean.compare(a.net().equals(HEADLINE_NET), b.net().equals(HEADLINE_NET)));
        return new Comparison(out);
    }

    /** Every run of both sides must agree with our first run on each {@link #MUST_MATCH} key either side states. */
    private static void checkSameSettings(String net, List<ResultLine> ours, List<ResultLine> peer) {
        ResultLine ref = ours.get(0);
        List<ResultLine> all = new ArrayList<>(ours);
        all.addAll(peer);
        for (ResultLine r : all) {
            for (String key : MUST_MATCH) {
                String a = ref.get(key), b = r.get(key);
                if (a != null && b != null && !a.equals(b)) {
                    throw new IllegalArgumentException(net + ": runs differ in " + key + " (ours " + a + ", " + r.side() + " " + b
                            + "); the comparison needs the same network, batch, data and threads on both sides");
                }
            }
        }
    }

    /** Parses every {@code RESULT} line among {@code text}'s lines; other lines are ignored. */
    public static Comparison parse(List<String> text) {
        List<ResultLine> lines = new ArrayList<>();
        for (String l : text) if (ResultLine.isResultLine(l.strip())) lines.add(ResultLine.parse(l.strip()));
        return of(lines);
    }

    /** The networks, the headline one last. */
    public List<NetResult> nets() { return nets; }

    /** The full report; its last line is the last network's ratio line. */
    public String report() {
        StringBuilder b = new StringBuilder();
        for (NetResult n : nets) {
            ResultLine first = n.ours().get(0);
            b.append(String.format(Locale.ROOT, "%s: batch %s, device %s, %s threads, %s timed steps%n", n.net(),
                    first.fields().getOrDefault("batch", "?"), first.fields().getOrDefault("device", "?"),
                    first.fields().getOrDefault("threads", "?"), first.fields().getOrDefault("steps", "?")));
            b.append(String.format(Locale.ROOT, "  %-8s %12s %12s%n", "run", "ours img/s", "pytorch img/s"));
            int runs = Math.max(n.ours().size(), n.peer().size());
            for (int i = 0; i < runs; i++) {
                b.append(String.format(Locale.ROOT, "  %-8d %12s %12s%n", i + 1, rate(n.ours(), i), rate(n.peer(), i)));
            }
            b.append(String.format(Locale.ROOT, "  %-8s %12.1f %12.1f%n", "median", n.oursMedian(), n.peerMedian()));
            b.append(String.format(Locale.ROOT, "  %-8s %12s %12s%n", "peak RSS", rss(n.ours()), rss(n.peer())));
        }
        for (NetResult n : nets) b.append(n.ratioLine()).append(System.lineSeparator());
        return b.toString().stripTrailing();
    }

    private static String rate(List<ResultLine> runs, int i) {
        return i < runs.size() ? String.format(Locale.ROOT, "%.1f", runs.get(i).imagesPerSecond()) : "-";
    }

    /** Median peak RSS over the runs that reported one, as {@code "123.4 MB"}, or n/a. */
    private static String rss(List<ResultLine> runs) {
        double[] v = runs.stream().mapToDouble(ResultLine::peakRssMb).filter(d -> !Double.isNaN(d)).toArray();
        return v.length == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f MB", Stats.median(v));
    }

    private static double[] rates(List<ResultLine> runs) {
        return runs.stream().mapToDouble(ResultLine::imagesPerSecond).toArray();
    }
}
