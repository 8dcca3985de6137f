package io.github.convnet4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.data.MnistFormat;
import io.github.convnet4j.testdata.BundledData;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convnet report} on a real (short) run: the page's content, and the page in headless Chromium. */
class ReportCommandTest {
    static final List<String> SECTIONS = List.of("settings", "curves", "metrics", "per-class", "confusion", "mistakes", "filters", "summary");
    static final List<String> HEADINGS = List.of("Settings", "Training curves", "Final metrics", "Per class", "Confusion matrix",
            "Most confident mistakes", "First layer&#39;s filters", "Model summary");
    @TempDir static Path tmp;
    static Path run;
    static Path report;
    static String html;

    @BeforeAll static void trainAndReport() throws Exception {
        MnistFormat.TrainTest full = MnistFormat.load(n -> BundledData.open("fashion-mnist", n), "fashion-mnist");
        Path data = Files.createDirectories(tmp.resolve("data"));
        TestIdx.write(full.train().subset(640), data, "train");
        TestIdx.write(full.test().subset(200), data, "t10k");
        run = tmp.resolve("run");
        CliRun t = CliRun.of("train", "--data", data.toString(), "--epochs", "2", "--batch-size", "32", "--device", "cpu",
                "--out", run.toString(), "--class-names", "fashion-mnist");
        assertEquals(0, t.exitCode(), t.err());
        CliRun r = CliRun.of("report", run.toString(), "--mistakes", "4", "--device", "cpu");
        assertEquals(0, r.exitCode(), r.err());
        report = run.resolve("report.html");
        html = Files.readString(report);
    }

    @Test void thePageHasEverySectionAndNeedsNoNetwork() {
        for (String id : SECTIONS) assertTrue(html.contains("<h2 id=\"" + id + "\">"), "section " + id);
        assertTrue(html.contains(">Ankle boot<"), "class names in the tables");
        assertTrue(html.contains("conv2d_1/kernel (32, 1, 3, 3)"), "first layer's filters");
        assertTrue(html.contains("93,322"), "model summary with keras-mnist's parameter count");
        assertFalse(Pattern.compile("<script|<link|<iframe|url\\(|src=\"(?!data:image/png;base64,)", Pattern.CASE_INSENSITIVE).matcher(html).find(),
                "self-contained: no scripts, stylesheets or non-inline images");
        Matcher images = Pattern.compile("<img ").matcher(html);
        int n = 0;
        while (images.find()) n++;
        assertEquals(1 + 4 + 1, n, "curves, 4 mistakes, filters");
        assertTrue(html.contains("<td class=\"l\">data</td><td>" + tmp.resolve("data") + "</td>"), "the run's own data directory is used by default");
    }

    @Test void chromiumRendersItWithoutConsoleErrors() throws Exception {
        HeadlessChromium browser = HeadlessChromium.require();
        HeadlessChromium.Result dom = browser.dumpDom(report);
        assertTrue(dom.console().isEmpty(), "console: " + dom.console());
        for (String h : HEADINGS) assertTrue(dom.stdout().contains(h.replace("&#39;", "'")), "rendered DOM has " + h);
        assertTrue(dom.stdout().contains("data:image/png;base64,"), "images stay inline");

        Path png = tmp.resolve("report.png");
        browser.screenshot(report, png, 1200, 2400);
        BufferedImage shot = ImageIO.read(png.toFile());
        assertEquals(1200, shot.getWidth());
        double mean = 0, sq = 0;
        int nonWhite = 0, pixels = 0;
        for (int y = 0; y < shot.getHeight(); y += 2) {
            for (int x = 0; x < shot.getWidth(); x += 2) {
                int rgb = shot.getRGB(x, y);
                double grey = (((rgb >> 16) & 255) + ((rgb >> 8) & 255) + (rgb & 255)) / 3.0;
                mean += grey;
                sq += grey * grey;
                if (grey < 240) nonWhite++;
                pixels++;
            }
        }
        mean /= pixels;
        double variance = sq / pixels - mean * mean;
        assertTrue(variance > 200, "a page with text, tables and charts, not a blank one: grey variance " + variance);
        assertTrue(nonWhite > pixels / 50, "ink on more than 2% of the screenshot: " + nonWhite + " of " + pixels);
    }

    /** The console check can fail: a page that logs an error is caught. */
    @Test void aConsoleErrorIsSeen() throws Exception {
        HeadlessChromium browser = HeadlessChromium.require();
        Path bad = tmp.resolve("bad.html");
        Files.writeString(bad, "<!DOCTYPE html><html><body><p>x</p><script>console.error('broken page')</script></body></html>");
        HeadlessChromium.Result r = browser.dumpDom(bad);
        assertTrue(r.console().stream().anyMatch(l -> l.contains("broken page")), "console lines: " + r.console());
    }
}
