package io.github.convnet4j.cli;

import picocli.CommandLine.Command;

/** The top-level {@code convnet} command; all work is in its subcommands. */
@Command(name = "convnet", mixinStandardHelpOptions = true, version = "convnet4j 0.1.0",
        description = "Train, evaluate and inspect convolutional networks on CUDA, OpenCL or the CPU.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, SummaryCommand.class,
                DevicesCommand.class, VisualizeCommand.class, ExplainCommand.class, AugmentPreviewCommand.class, EmbedCommand.class,
                ReportCommand.class, BenchmarkCommand.class, VerifyCommand.class, ExportCommand.class, ImportCommand.class,
                TransferCommand.class, FeaturesCommand.class, picocli.CommandLine.HelpCommand.class})
public final class ConvnetCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
