package io.github.convnet4j.cli;

import io.github.convnet4j.persist.PlainWeights;
import java.io.PrintStream;
import java.nio.file.Path;

/** Prints what {@code --weights} took from a plain safetensors file: matched, converted, skipped. */
final class PlainWeightsReport {
    private PlainWeightsReport() {}

    static void print(PlainWeights.Report r, Path file, PrintStream out) {
        out.printf("weights: %d tensors from %s matched, %d converted, %d skipped%n", r.matched().size(), file,
                r.converted().size(), r.skipped().size());
        for (String m : r.matched()) out.println("  matched   " + m);
        for (String c : r.converted()) out.println("  converted " + c);
        for (String s : r.skipped()) out.println("  skipped   " + s);
    }
}
