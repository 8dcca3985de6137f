package io.github.convnet4j.cli;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.convnet4j.conformance.BackendRequirement;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium for tests that look at a page in a real browser. Where no Chromium is on the
 * PATH the test is skipped with that reason, unless {@code -Dconvnet.require} lists
 * {@code chromium} (CI does), where the missing browser fails the build.
 */
final class HeadlessChromium {
    private static final String[] NAMES = {"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"};
    private static final long TIMEOUT_SECONDS = 180;

    /** What one run printed: the page's DOM (for --dump-dom) and the console messages it logged. */
    record Result(String stdout, List<String> console) {}

    private final Path executable;

    private HeadlessChromium(Path executable) { this.executable = executable; }

    /** The browser, or the test is skipped (or failed, when required) with the reason. */
    static HeadlessChromium require() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : NAMES) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(p)) return new HeadlessChromium(p);
            }
        }
        String reason = "no Chromium on the PATH (looked for " + String.join(", ", NAMES) + "); Debian: apt-get install chromium";
        BackendRequirement.assume("chromium", false, reason);
        return null;   // not reached: assume aborts or fails
    }

    /** Loads the page and prints its DOM after scripts ran. */
    Result dumpDom(Path page) throws Exception { return run(page, "--dump-dom"); }

    /** Loads the page in a {@code width × height} window and saves a PNG of it. */
    Result screenshot(Path page, Path png, int width, int height) throws Exception {
        return run(page, "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height, "--hide-scrollbars");
    }

    private Result run(Path page, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(executable.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--enable-logging=stderr", "--v=0"));
        Path profile = Files.createTempDirectory("chromium-profile");
        cmd.add("--user-data-dir=" + profile);
        cmd.addAll(Arrays.asList(args));
        cmd.add(page.toAbsolutePath().toUri().toString());
        Path out = Files.createTempFile("chromium", ".out"), err = Files.createTempFile("chromium", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + cmd);
            }
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) fail("chromium exited with " + p.exitValue() + ": " + stderr);
            List<String> console = stderr.lines().filter(l -> l.contains(":CONSOLE")).toList();
            return new Result(Files.readString(out, StandardCharsets.UTF_8), console);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
