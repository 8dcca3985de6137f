package io.github.convnet4j.cli.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The peers read their steps from {@code bench/peer_common.py}'s DEFAULTS, our side from {@link
 * NetDefaults}: a net timed over different steps on the two sides would compare warm-up against
 * steady state (and {@code convnet benchmark --compare} refuses such results). Every entry of the
 * Python table equals the Java one, on both devices, and every preset of the table is there.
 */
class NetDefaultsTest {
    private static final Pattern ENTRY = Pattern.compile(
            "\"([a-z0-9-]+)\": \\{\"cpu\": \\((\\d+), (\\d+), (\\d+)\\), \"cuda\": \\((\\d+), (\\d+), (\\d+)\\)}");

    @Test
    void thePeersDefaultsAreOurs() throws IOException {
        Path file = peerCommon();
        String text = Files.readString(file);
        String table = text.substring(text.indexOf("DEFAULTS = {"), text.indexOf("}\n", text.indexOf("DEFAULTS = {")) + 1);
        Matcher m = ENTRY.matcher(table);
        int nets = 0;
        while (m.find()) {
            String net = m.group(1);
            assertEquals(new NetDefaults(num(m, 2), num(m, 3), num(m, 4)), NetDefaults.of(net, true), net + " on the CPU, " + file);
            assertEquals(new NetDefaults(num(m, 5), num(m, 6), num(m, 7)), NetDefaults.of(net, false), net + " on a GPU, " + file);
            nets++;
        }
        assertEquals(4, nets, "entries read from " + file + "'s DEFAULTS: " + table);
        assertTrue(table.contains("\"mobilenet-small\""), table);
    }

    private static int num(Matcher m, int group) { return Integer.parseInt(m.group(group)); }

    /** bench/peer_common.py of this checkout, found from the working directory up (Maven runs in cli/, .ci/isolation-check at the root). */
    private static Path peerCommon() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("bench").resolve("peer_common.py");
            if (Files.isRegularFile(candidate)) return candidate;
        }
        throw new AssertionError("no bench/peer_common.py above " + Path.of("").toAbsolutePath());
    }
}
