package io.github.convnet4j.cli.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Our engine against its peers (PyTorch, Keras on TensorFlow) from a mixed list of {@link ResultLine}s:
 * per network, the img/s of every run on each side, their medians, the median peak RSS, and the
 * ratio of the medians {@code ours / peer} for each peer. The report ends with one
 * {@code <net> ours/<peer> = R} line per network and peer ({@link #PEERS} order), {@code keras-mnist}
 * last, so a script's last lines are the headline numbers.
 */
public final class Comparison {
    /** Side name of our engine in result lines. */
    public static final String OURS = "ours";
    /** Side name of the PyTorch peer in result lines. */
    public static final String PYTORCH = "pytorch";
    /** Side name of the Keras 3 / TensorFlow peer in result lines. */
    public static final String KERAS = "keras";
    /** The peers a result line may name, in report order. */
    public static final List<String> PEERS = List.of(PYTORCH, KERAS);
    /** The network whose ratio lines are printed last. */
    public static final String HEADLINE_NET = "keras-mnist";

    /** Settings that must be equal on every side for the comparison to mean anything. */
    public static final List<String> MUST_MATCH = List.of("batch", "warmup", "steps", "threads", "device", "samples", "data",
            "params", "trainable_params");

    /**
     * One network's runs.
     *
     * @param net   the network
     * @param ours  our runs, in file order
     * @param peers each peer's runs, keyed by side in {@link #PEERS} order; every peer present in the file
     */
    public record NetResult(String net, List<ResultLine> ours, Map<String, List<ResultLine>> peers) {
        public NetResult {
            ours = List.copyOf(ours);
            Map<String, List<ResultLine>> copy = new LinkedHashMap<>();
            peers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            peers = Collections.unmodifiableMap(copy);
        }

        /** Median img/s of our runs. */
        public double oursMedian() { return Stats.median(rates(ours)); }

        /** Median img/s of {@code peer}'s runs. */
        public double peerMedian(String peer) { return Stats.median(rates(runs(peer))); }

        /** {@code oursMedian / peerMedian(peer)}. */
        public double ratio(String peer) { return oursMedian() / peerMedian(peer); }

        /** A headline line: {@code <net> ours/<peer> = R} with R to 2 decimals. */
        public String ratioLine(String peer) { return net + " ours/" + peer + " = " + String.format(Locale.ROOT, "%.2f", ratio(peer)); }

        private List<ResultLine> runs(String peer) {
            List<ResultLine> r = peers.get(peer);
            if (r == null) throw new IllegalArgumentException("no " + peer + " results for " + net);
            return r;
        }
    }

    private final List<NetResult> nets;
    private final List<String> peers;

    private Comparison(List<NetResult> nets, List<String> peers) {
        this.nets = List.copyOf(nets);
        this.peers = List.copyOf(peers);
    }

    /**
     * Groups result lines by network (first appearance order) and side.
     *
     * @throws IllegalArgumentException when there are no lines, a side is neither ours nor a known peer,
     *                                  there is no peer at all, or a network lacks results from ours or
     *                                  from a peer that other networks have
     */
    public static Comparison of(List<ResultLine> lines) {
        if (lines.isEmpty()) throw new IllegalArgumentException("no RESULT lines to compare");
        Map<String, Map<String, List<ResultLine>>> bySide = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        for (ResultLine r : lines) {
            if (!order.contains(r.net())) order.add(r.net());
            if (!r.side().equals(OURS) && !PEERS.contains(r.side())) {
                throw new IllegalArgumentException("result line side=" + r.side() + " is neither " + OURS + " nor a peer (" + String.join(", ", PEERS) + ")");
            }
            bySide.computeIfAbsent(r.side(), k -> new LinkedHashMap<>()).computeIfAbsent(r.net(), k -> new ArrayList<>()).add(r);
        }
        List<String> present = PEERS.stream().filter(bySide::containsKey).toList();
        if (present.isEmpty()) throw new IllegalArgumentException("no results from a peer (" + String.join(", ", PEERS) + ") to compare with");
        List<NetResult> out = new ArrayList<>();
        for (String net : order) {
            List<ResultLine> o = bySide.getOrDefault(OURS, Map.of()).getOrDefault(net, List.of());
            if (o.isEmpty()) throw new IllegalArgumentException("no results from our engine for " + net);
            Map<String, List<ResultLine>> p = new LinkedHashMap<>();
            for (String peer : present) {
                List<ResultLine> runs = bySide.get(peer).getOrDefault(net, List.of());
                if (runs.isEmpty()) throw new IllegalArgumentException("no results from the " + peerName(peer) + " peer for " + net);
                p.put(peer, runs);
            }
            checkSameSettings(net, o, p);
            out.add(new NetResult(net, o, p));
        }
        // The headline network goes last so that its ratios are the report's last lines.
        out.sort((a, b) -> Boolean.compare(a.net().equals(HEADLINE_NET), b.net().equals(HEADLINE_NET)));
        return new Comparison(out, present);
    }

    private static String peerName(String peer) {
        return peer.equals(PYTORCH) ? "PyTorch" : peer.equals(KERAS) ? "Keras" : peer;
    }

    /** Every run of every side must agree with our first run on each {@link #MUST_MATCH} key either side states. */
    private static void checkSameSettings(String net, List<ResultLine> ours, Map<String, List<ResultLine>> peers) {
        ResultLine ref = ours.get(0);
        List<ResultLine> all = new ArrayList<>(ours);
        peers.values().forEach(all::addAll);
        for (ResultLine r : all) {
            for (String key : MUST_MATCH) {
                String a = ref.get(key), b = r.get(key);
                if (a != null && b != null && !a.equals(b)) {
                    throw new IllegalArgumentException(net + ": runs differ in " + key + " (ours " + a + ", " + r.side() + " " + b
                            + "); the comparison needs the same network, batch, data and threads on every side");
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

    /** The peers present, in {@link #PEERS} order. */
    public List<String> peers() { return peers; }

    /** The full report; its last lines are the last network's ratio lines, one per peer. */
    public String report() {
        StringBuilder b = new StringBuilder();
        for (NetResult n : nets) {
            ResultLine first = n.ours().get(0);
            b.append(String.format(Locale.ROOT, "%s: batch %s, device %s, %s threads, %s timed steps%n", n.net(),
                    first.fields().getOrDefault("batch", "?"), first.fields().getOrDefault("device", "?"),
                    first.fields().getOrDefault("threads", "?"), first.fields().getOrDefault("steps", "?")));
            List<List<ResultLine>> sides = new ArrayList<>();
            sides.add(n.ours());
            StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-8s %14s", "run", "ours img/s"));
            for (String peer : peers) {
                sides.add(n.peers().get(peer));
                header.append(String.format(Locale.ROOT, " %14s", peer + " img/s"));
            }
            b.append(header).append(System.lineSeparator());
            int runs = sides.stream().mapToInt(List::size).max().orElse(0);
            for (int i = 0; i < runs; i++) {
                b.append(String.format(Locale.ROOT, "  %-8d", i + 1));
                for (List<ResultLine> s : sides) b.append(String.format(Locale.ROOT, " %14s", rate(s, i)));
                b.append(System.lineSeparator());
            }
            b.append(String.format(Locale.ROOT, "  %-8s", "median"));
            for (List<ResultLine> s : sides) b.append(String.format(Locale.ROOT, " %14.1f", Stats.median(rates(s))));
            b.append(System.lineSeparator());
            b.append(String.format(Locale.ROOT, "  %-8s", "peak RSS"));
            for (List<ResultLine> s : sides) b.append(String.format(Locale.ROOT, " %14s", rss(s)));
            b.append(System.lineSeparator());
        }
        for (NetResult n : nets) for (String peer : peers) b.append(n.ratioLine(peer)).append(System.lineSeparator());
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
