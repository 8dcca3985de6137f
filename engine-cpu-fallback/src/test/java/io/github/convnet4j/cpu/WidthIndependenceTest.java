package io.github.convnet4j.cpu;

import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.model.Presets;
import io.github.convnet4j.tensor.Shape;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training gives the same bits at every vector width this machine can run: a child JVM per width
 * (scalar, 256 bits, and 512 where the CPU has it; the width is fixed per JVM) trains keras-mnist,
 * a net of 'same' convolutions and one of depthwise convolutions for an epoch and prints a SHA-256 of every parameter's bits.
 * The default build execution runs this; the forced-width executions leave it out (it forces the
 * widths itself).
 */
class WidthIndependenceTest {
    @Test
    void trainingGivesTheSameBitsAtEveryVectorWidth() throws Exception {
        int widest = FloatVector.SPECIES_PREFERRED.vectorBitSize();
        List<Integer> widths = new ArrayList<>(List.of(0));
        if (widest >= 256) widths.add(256);
        if (widest >= 512) widths.add(512);
        Map<Integer, String> digests = new LinkedHashMap<>();
        for (int bits : widths) digests.put(bits, runChild(bits));
        System.out.println("WidthIndependenceTest: widths " + widths + " -> " + digests.values().iterator().next());
        String reference = digests.get(0);
        for (Map.Entry<Integer, String> e : digests.entrySet()) {
            assertEquals(reference, e.getValue(), "parameters after training at " + e.getKey() + " bits vs the scalar path");
        }
    }

    private static String runChild(int bits) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx512m", "--add-modules", "jdk.incubator.vector",
                "-Dconvnet.cpu.vectorBits=" + bits, "-cp", System.getProperty("java.class.path"), Child.class.getName()))
                .redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM at " + bits + " bits finished");
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        assertTrue(text.contains("running at " + bits + " bits"), text);
        int at = text.indexOf("digest ");
        assertTrue(at >= 0, text);
        return text.substring(at + 7).strip();
    }

    /** Runs in the child JVM: trains both nets, prints the width it ran at and the parameters' digest. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            System.out.println("running at " + MicroKernels.vectorBits() + " bits");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            digest(sha, Presets.get("keras-mnist"), Shape.of(1, 28, 28));
            digest(sha, ThreadCountDeterminismTest.sameConvolutions(), Shape.of(3, 12, 12));
            digest(sha, ThreadCountDeterminismTest.depthwiseConvolutions(), Shape.of(3, 14, 14));
            System.out.println("digest " + HexFormat.of().formatHex(sha.digest()));
        }

        private static void digest(MessageDigest sha, ModelSpec spec, Shape sample) throws Exception {
            for (float[] p : ThreadCountDeterminismTest.train(spec, ThreadCountDeterminismTest.randomData(sample, 48), CpuThreads.create(2))) {
                ByteBuffer b = ByteBuffer.allocate(4 * p.length);
                for (float v : p) b.putInt(Float.floatToRawIntBits(v));
                sha.update(b.array());
            }
        }
    }
}
