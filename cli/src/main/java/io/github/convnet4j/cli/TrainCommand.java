package io.github.convnet4j.cli;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.ops.LossKind;
import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.data.MnistFormat;
import io.github.convnet4j.model.MemoryEstimate;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.persist.ModelFile;
import io.github.convnet4j.persist.PlainWeights;
import io.github.convnet4j.persist.TransferReport;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.train.Checkpoint;
import io.github.convnet4j.train.CheckpointData;
import io.github.convnet4j.train.ResumeCheck;
import io.github.convnet4j.train.RunDirectory;
import io.github.convnet4j.train.TrainConfig;
import io.github.convnet4j.train.TrainOptions;
import io.github.convnet4j.train.TrainResult;
import io.github.convnet4j.train.Trainer;
import io.github.convnet4j.util.HeapBudget;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code convnet train}: trains a model and writes its run directory (checkpoints, history, final
 * model, test metrics). With no options it trains keras-mnist on the bundled Fashion-MNIST.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a model. With no options: keras-mnist on the bundled Fashion-MNIST, 5 epochs, Adam, batch 64.")
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--model", defaultValue = "keras-mnist", paramLabel = "M",
            description = "Preset, model spec (.json/.yaml), or a trained model (model file or run directory) to continue"
                    + " training from its weights. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--data", defaultValue = "fashion-mnist", paramLabel = "D",
            description = "Bundled dataset name; a directory with MNIST-layout IDX files, CIFAR batches, train.csv and test.csv,"
                    + " or image class folders (train/ and test/, or one folder split by --validation-split); or a .csv file. Default: ${DEFAULT-VALUE}.")
    String data;

    @Option(names = "--epochs", paramLabel = "N", converter = OptionValues.Positive.class, description = "Epochs in total (a resumed run may extend it). Default: 5.")
    Integer epochs;

    @Option(names = "--batch-size", defaultValue = "64", paramLabel = "B", converter = OptionValues.Positive.class, description = "Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--optimizer", defaultValue = "adam", paramLabel = "O",
            description = "sgd, momentum, nesterov, adam, rmsprop, with options, e.g. 'sgd:momentum=0.9,nesterov=true,clipnorm=1'. Default: ${DEFAULT-VALUE}.")
    String optimizer;

    @Option(names = "--lr", paramLabel = "X", description = "Learning rate (default: the optimizer's Keras default).")
    Double lr;

    @Option(names = "--schedule", defaultValue = "constant", paramLabel = "S",
            description = "constant, step:every=2,factor=0.5, exponential:rate=0.9, cosine, plateau:patience=2,factor=0.5. Default: ${DEFAULT-VALUE}.")
    String schedule;

    @Option(names = "--augment", defaultValue = "none", paramLabel = "A",
            description = "Data augmentation, e.g. 'flip,shift=2,rotate=10'. Default: ${DEFAULT-VALUE}.")
    String augment;

    @Option(names = "--loss", paramLabel = "L",
            description = "categorical_crossentropy, binary_crossentropy, mse or mae (Keras names; also mean_squared_error, mean_absolute_error)."
                    + " Default: the spec's 'loss', else categorical cross-entropy for softmax, binary for sigmoid, otherwise mse."
                    + " Recorded in the model file, so evaluate and --resume use it.")
    String loss;

    @Option(names = "--early-stopping", paramLabel = "S",
            description = "Stop when a metric stops improving, as Keras's EarlyStopping: 'monitor=val_loss,patience=3,min_delta=0,restore_best=true'"
                    + " (every key optional; defaults val_loss, 0, 0, false).")
    String earlyStopping;

    @Option(names = "--keep-best", paramLabel = "MONITOR", arity = "0..1", fallbackValue = "val_loss",
            description = "Write best.safetensors into the run directory whenever MONITOR (val_loss, val_accuracy, loss, accuracy) improves."
                    + " MONITOR defaults to val_loss.")
    String keepBest;

    @Option(names = "--validation-split", defaultValue = "0", paramLabel = "F",
            description = "Hold out this fraction of the training data for validation; 0 reports the test set each epoch. Default: ${DEFAULT-VALUE}.")
    double validationSplit;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for initialization, data order, augmentation and dropout. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default: runs/<model>-<timestamp>).")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run in DIR from its last checkpoint.")
    Path resume;

    @Option(names = "--checkpoint-every", defaultValue = "0", paramLabel = "STEPS", converter = OptionValues.NonNegative.class,
            description = "Also checkpoint every this many steps (always at each epoch end). Default: ${DEFAULT-VALUE}.")
    int checkpointEvery;

    @Option(names = "--limit", paramLabel = "N", converter = OptionValues.Positive.class, description = "Train on the first N training samples only (quick runs).")
    Integer limit;

    @Option(names = "--weights", paramLabel = "FILE",
            description = "Transfer learning: start from the weights of FILE (model file or run directory) wherever layer names and shapes match; "
                    + "a plain safetensors file (e.g. a PyTorch state_dict) is matched by names or shapes, see --weights-map.")
    String weights;

    @Option(names = "--weights-map", paramLabel = "FILE",
            description = "For a plain safetensors --weights: JSON {\"our layer\": \"their module\"} or {\"layer/param\": \"tensor\"} where shapes alone are ambiguous.")
    Path weightsMap;

    @Option(names = "--freeze", paramLabel = "N", defaultValue = "0", converter = OptionValues.NonNegative.class,
            description = "Freeze the first N layers (transfer learning). Default: ${DEFAULT-VALUE}.")
    int freeze;

    @Option(names = "--class-names", paramLabel = "L",
            description = "Class names stored in the model: fashion-mnist, or a text file with one name per line. "
                    + "Default: the data's (Fashion-MNIST), else the model spec's.")
    String classNames;

    @Mixin DeviceOptions deviceOptions;

    @Mixin DataOptions dataOptions;

    @Spec CommandSpec commandSpec;

    @Override
    public Integer call() throws Exception {
        if (resume != null) return resumeRun();
        ModelArgument from = ModelArgument.resolve(model);
        if (from.hasWeights() && weights != null) {
            throw new IllegalArgumentException("--model " + model + " brings trained weights and --weights " + weights
                    + " would replace them; pass one (--weights copies matching layers into a new model)");
        }
        ModelSpec spec = frozen(from.spec());
        // --loss overrides the spec's loss key, as Keras's compile(loss=...) does; the spec carries it into the model file.
        if (loss != null) spec = spec.withLoss(LossKind.parse(loss));
        TrainConfig.Builder b = TrainConfig.builder().loss(spec.loss()).earlyStopping(earlyStopping).keepBest(keepBest).epochs(epochs == null ? 5 : epochs).batchSize(batchSize)
                .optimizer(TrainOptions.withLearningRate(optimizer, lr)).seed(seed).augmentation(augment).schedule(schedule)
                .validationFraction(validationSplit).checkpointEverySteps(checkpointEvery)
                .extra("data", data).extra("model", model)
                .extra("resize", dataOptions.resize).extra("label-column", dataOptions.labelColumn);
        if (limit != null) b.extra("limit", String.valueOf(limit));
        TrainConfig config = b.build();
        Path runDir = out != null ? out : RunDirectory.defaultPath(spec.name(), LocalDateTime.now());
        try (RunDirectory run = RunDirectory.create(runDir)) {
            return train(run, spec, config, from);
        }
    }

    /** {@code --resume DIR}: the run's own settings; a setting given again must not differ. */
    private int resumeRun() throws Exception {
        try (RunDirectory run = RunDirectory.resume(resume)) {
            CheckpointData saved = run.checkpoint();
            for (String option : new String[] {"--weights", "--weights-map", "--freeze", "--class-names"}) {
                if (given(option)) throw new IllegalArgumentException(option + " cannot be used with --resume: the run continues from its checkpoint");
            }
            TrainConfig.Builder b = saved.config().toBuilder();
            if (epochs != null) b.epochs(epochs);
            if (given("--checkpoint-every")) b.checkpointEverySteps(checkpointEvery);
            // Early stopping and keep-best may change on resume: they replay the run's history.
            if (given("--early-stopping")) b.earlyStopping(earlyStopping);
            if (given("--keep-best")) b.keepBest(keepBest);
            if (given("--loss")) b.loss(LossKind.parse(loss));
            // Settings that decide the numbers: given again, they must equal the run's (ResumeCheck says which differs).
            if (given("--batch-size")) b.batchSize(batchSize);
            if (given("--optimizer")) b.optimizer(TrainOptions.withLearningRate(optimizer, lr));
            if (given("--seed")) b.seed(seed);
            if (given("--augment")) b.augmentation(augment);
            if (given("--schedule")) b.schedule(schedule);
            if (given("--validation-split")) b.validationFraction(validationSplit);
            TrainConfig config = b.build();
            String src = String.valueOf(run.path().resolve(Checkpoint.FILE_NAME));
            ResumeCheck.compatible(saved.config(), config, src);
            if (given("--lr") && !given("--optimizer")) {
                double started = TrainOptions.learningRate(saved.config().optimizer());
                if (started != lr) throw new IOException(src + ": cannot resume with learning rate " + lr + ", the run was started with " + started);
            }
            Map<String, String> extra = saved.config().extra();
            sameExtra(src, "--data", data, extra.get("data"));
            sameExtra(src, "--model", model, extra.get("model"));
            sameExtra(src, "--limit", limit == null ? null : String.valueOf(limit), extra.get("limit"));
            sameExtra(src, "--resize", dataOptions.resize, extra.get("resize"));
            sameExtra(src, "--label-column", dataOptions.labelColumn, extra.get("label-column"));
            data = extra.getOrDefault("data", data);
            dataOptions.resize = extra.getOrDefault("resize", dataOptions.resize);
            dataOptions.labelColumn = extra.getOrDefault("label-column", dataOptions.labelColumn);
            limit = savedLimit(extra.get("limit"), src);
            return train(run, saved.spec(), config, null);
        }
    }

    private boolean given(String option) {
        return commandSpec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private void sameExtra(String src, String option, String now, String saved) throws IOException {
        if (given(option) && !java.util.Objects.equals(now, saved)) {
            throw new IOException(src + ": cannot resume with " + option + " " + now + ", the run was started with "
                    + (saved == null ? "none" : saved));
        }
    }

    private static Integer savedLimit(String text, String src) throws IOException {
        if (text == null) return null;
        try {
            int v = Integer.parseInt(text);
            if (v < 1) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new IOException(src + ": train_config extra.limit '" + text + "' is not a positive integer");
        }
    }

    /**
     * Loads the data, builds the model (from {@code from}'s weights when it has them), trains into
     * {@code run} and writes the test metrics.
     *
     * @param from the --model argument of a new run, or null on resume
     */
    private int train(RunDirectory run, ModelSpec spec, TrainConfig config, ModelArgument from) throws Exception {
        Path runDir = run.path();
        MnistFormat.TrainTest sets = DataArgument.load(data, spec.inputShape(), dataOptions);
        if (sets.test() == null && !(config.validationFraction() > 0)) {
            throw new IllegalArgumentException("--data " + data + " has no test part (no test/ or val/ folder, or one CSV file);"
                    + " pass --validation-split F to hold out a fraction of it");
        }
        if (from != null) spec = named(spec, sets.train());
        Dataset train = limit == null ? sets.train() : sets.train().subset(Math.min(limit, sets.train().size()));
        Dataset validation = config.validationFraction() > 0 ? null : sets.test();
        // Without a test part, the test metrics are those of the held-out part: the same split the trainer makes.
        Dataset test = sets.test() != null ? sets.test() : train.split(config.validationFraction(), config.seed()).validation();

        try (Backend backend = deviceOptions.open(); Model m = Model.of(spec)) {
            MemoryEstimate.require(m, backend, config.batchSize(), train.size(), "model " + spec.name());
            m.build(backend, DType.F32, config.seed());
            if (from != null) startingWeights(m, from);
            System.out.println("run directory: " + runDir);
            System.out.printf("model: %s, %,d parameters; data: %s, %,d training samples%n",
                    spec.name(), m.parameterCount(), data, train.size());
            System.out.println(validation == null
                    ? String.format("validation (val_*): %.4g%% of the training data, drawn at random from the seed", 100 * config.validationFraction())
                    : "validation (val_*): the test set, " + validation.size() + " samples (--validation-split 0)");

            Trainer trainer = new Trainer();
            // Ctrl-C (SIGINT/SIGTERM): ask the trainer to stop after the current step and write its
            // checkpoint, and hold the JVM's shutdown until fit has returned (at most 60 s).
            CountDownLatch fitReturned = new CountDownLatch(1);
            Thread onInterrupt = new Thread(() -> {
                trainer.requestStop();
                try { fitReturned.await(60, TimeUnit.SECONDS); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
            }, "convnet-stop");
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            TrainResult result;
            try {
                result = HeapBudget.during("training model " + spec.name() + " with batches of " + config.batchSize(), "lower --batch-size",
                        () -> trainer.fit(m, train, validation, config, run, new ProgressPrinter(System.out, System.err, System.console() != null)));
            } finally {
                fitReturned.countDown();
            }
            if (!result.completed()) {
                System.out.println("stopped; continue with: convnet train --resume " + runDir);
                System.out.flush();
                return 130;
            }
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
            ModelFile.requireFinite(m, "training diverged: " + result.modelFile());
            if (sets.test() == null) System.out.println("test: the held-out validation part (the data has no test part)");
            TestReport.evaluateAndSave(m, test, run, System.out);
            DataArgument.reportStreamedSkips(train, test);
            System.out.println("model saved: " + result.modelFile());
        }
        return 0;
    }

    /** {@code --model} with trained weights continues from them (Keras's load_model + fit); {@code --weights} transfers matching ones. */
    private void startingWeights(Model m, ModelArgument from) throws Exception {
        if (from.hasWeights()) {
            from.loaded().copyInto(m); // the file was read once, by ModelArgument
            System.out.println("continuing from the trained weights of " + from.weightsFile()
                    + " (a new run: the optimizer starts fresh; --resume DIR continues a run exactly)");
        } else if (weights != null && PlainWeights.isPlain(Path.of(weights))) {
            PlainWeightsReport.print(PlainWeights.load(m, Path.of(weights), weightsMap), Path.of(weights), System.out);
        } else if (weights != null) {
            if (weightsMap != null) throw new IllegalArgumentException("--weights-map applies to a plain safetensors --weights only");
            ModelArgument source = ModelArgument.resolve(weights);
            if (!source.hasWeights()) throw new IllegalArgumentException("--weights " + weights + ": not a model file or run directory");
            TransferReport report = ModelFile.loadMatchingWeights(m, source.weightsFile(), Set.of());
            System.out.printf("transfer: copied %d tensors from %s, skipped %d (%s)%n", report.copied().size(),
                    source.weightsFile(), report.skipped().size(), String.join(", ", report.skipped()));
        }
    }

    /**
     * The spec with the class names of {@code --class-names}, else the data's where there is one per
     * model output, else its own.
     */
    private ModelSpec named(ModelSpec spec, Dataset train) throws IOException {
        if (classNames != null) {
            try (Model checked = Model.of(spec.withClassNames(ClassNamesArgument.resolve(classNames)))) {
                return checked.spec();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--class-names " + classNames + ": " + e.getMessage(), e);
            }
        }
        if (train.classNames().isEmpty()) return spec;
        try (Model m = Model.of(spec)) {
            long outputs = m.outputShape().size();
            boolean fits = outputs == train.classNames().size() || (outputs == 1 && train.classNames().size() == 2);
            return fits ? spec.withClassNames(train.classNames()) : spec;
        }
    }

    /** The spec with its first {@code --freeze} layers marked {@code trainable: false}, so checkpoints and the model file keep it. */
    private ModelSpec frozen(ModelSpec spec) {
        if (freeze < 0 || freeze > spec.layers().size()) {
            throw new IllegalArgumentException("--freeze " + freeze + ": the model has " + spec.layers().size() + " layers");
        }
        for (int i = 0; i < freeze; i++) spec = spec.withLayer(i, spec.layers().get(i).with("trainable", false));
        return spec;
    }
}
