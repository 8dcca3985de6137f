package io.github.convnet4j.natives;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The attack of issue 16, item 12, for tests: a file planted in a temp directory under the fixed
 * name JOCL or JCuda used to extract its JNI library to, then a child JVM that uses that directory
 * as {@code java.io.tmpdir} and probes the backend. With a C compiler the planted file is a real
 * shared library whose constructor writes a marker file (the demonstrated exploit); without one it
 * is garbage, which a {@code System.load} would fail on.
 */
public final class PlantedLibrary {
    /** What the child printed, and whether the planted code ran. */
    public record Outcome(String childOutput, int exitCode, boolean plantedCodeRan, boolean plantedFileUnchanged, List<String> leftovers) {}

    private PlantedLibrary() {}

    /**
     * Plants {@code fileName} in {@code tmp}, runs {@code mainClass} in a child JVM with
     * {@code -Djava.io.tmpdir=tmp}, and reports.
     */
    public static Outcome run(Path tmp, String fileName, Class<?> mainClass) throws IOException, InterruptedException {
        Path marker = tmp.getParent().resolve(tmp.getFileName() + "-planted-code-ran");
        Path planted = tmp.resolve(fileName);
        byte[] content = compile(tmp, marker).orElse("not a library: planted by a test".getBytes(StandardCharsets.US_ASCII));
        Files.write(planted, content);
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djava.io.tmpdir=" + tmp,
                "-cp", System.getProperty("java.class.path"), mainClass.getName());
        Path out = tmp.getParent().resolve(tmp.getFileName() + "-child.txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("the child JVM did not finish within 120 s");
        }
        List<String> leftovers = new ArrayList<>();
        try (var s = Files.list(tmp)) {
            s.filter(f -> !f.equals(planted)).forEach(f -> leftovers.add(f.getFileName().toString()));
        }
        return new Outcome(Files.readString(out), p.exitValue(), Files.exists(marker),
                java.util.Arrays.equals(content, Files.readAllBytes(planted)), leftovers);
    }

    /** A shared library whose constructor creates {@code marker}, when {@code cc} is installed. */
    private static java.util.Optional<byte[]> compile(Path tmp, Path marker) throws IOException, InterruptedException {
        Path src = tmp.getParent().resolve(tmp.getFileName() + "-planted.c");
        Path lib = tmp.getParent().resolve(tmp.getFileName() + "-planted.so");
        Files.writeString(src, "#include <stdio.h>\n__attribute__((constructor)) static void planted(void) {\n"
                + "  FILE* f = fopen(\"" + marker + "\", \"w\"); if (f) { fputs(\"ran\", f); fclose(f); }\n}\n");
        try {
            Process cc = new ProcessBuilder("cc", "-shared", "-fPIC", "-o", lib.toString(), src.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (cc.waitFor(60, TimeUnit.SECONDS) && cc.exitValue() == 0) return java.util.Optional.of(Files.readAllBytes(lib));
        } catch (IOException e) {
            // No compiler: plant garbage instead.
        }
        return java.util.Optional.empty();
    }
}
