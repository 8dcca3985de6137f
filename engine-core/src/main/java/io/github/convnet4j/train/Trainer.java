package io.github.convnet4j.train;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.data.Augmentation;
import io.github.convnet4j.data.BatchIterator;
import io.github.convnet4j.data.Batches;
import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.data.DatasetSplit;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.nn.ForwardContext;
import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.optim.LearningRateSchedule;
import io.github.convnet4j.optim.Optimizer;
import io.github.convnet4j.optim.Regularization;
import io.github.convnet4j.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The training loop. Per step: the batch is assembled on the host (shuffled order and augmentation
 * derived from the seed, epoch and batch; for a streamed dataset, ahead of the step on loader threads), uploaded once as images and once as targets into tensors
 * kept per batch size, run forward with a dropout seed derived from (seed, global step), through the
 * fused loss and backward, and the optimizer updates the weights. Only the loss and the count of
 * correct predictions come back to the host (plus the L1/L2 penalty when a layer has one).
 *
 * <p>With a run directory, a checkpoint is written atomically at every epoch end and every
 * {@link TrainConfig#checkpointEverySteps()} steps; on a deterministic backend (the CPU reference) a
 * run killed at any point and resumed ends with bit-identical weights to an uninterrupted one.
 *
 * <p>{@link TrainConfig#earlyStopping()} ends the run early, Keras-style, and may restore the best
 * epoch's weights before the final model is written; {@link TrainConfig#keepBest()} writes
 * {@code best.safetensors} whenever its metric improves. Both rebuild their state from the history
 * on resume.
 */
public final class Trainer {
    private volatile boolean stopRequested;

    /**
     * Asks a running {@link #fit} to stop after the current step; it writes a checkpoint (with a
     * run directory) and returns a result with {@code completed == false}. Safe from any thread,
     * e.g. a signal handler.
     */
    public void requestStop() { stopRequested = true; }

    /**
     * Trains {@code model}, or with {@link TrainConfig#resume()} continues the run in
     * {@link TrainConfig#runDir()} from its checkpoint.
     *
     * @param model      a built model; its weights are trained in place (replaced by the checkpoint's on resume)
     * @param train      training data; its sample shape must be the model's input shape
     * @param validation validation data, or null (then {@link TrainConfig#validationFraction()} may split some off)
     * @param config     the settings
     * @param listener   progress callbacks, or null
     * @throws IOException                a checkpoint, history or model file could not be written or read
     * @throws IllegalArgumentException   the model, data and settings do not fit together (one line saying how)
     */
    public TrainResult fit(Model model, Dataset train, Dataset validation, TrainConfig config, TrainingListener listener) throws IOException {
        if (config.runDir() == null) return fit(model, train, validation, config, null, listener);
        try (RunDirectory run = config.resume() ? RunDirectory.resume(config.runDir()) : RunDirectory.create(config.runDir())) {
            return fit(model, train, validation, config, run, listener);
        }
    }

    /**
     * Trains {@code model} into an open run directory; continues from its checkpoint when it was
     * opened with {@link RunDirectory#resume} (then {@code config} must agree with the checkpoint's
     * settings, except epochs and the checkpoint interval). {@link TrainConfig#runDir()} and
     * {@link TrainConfig#resume()} are not used.
     *
     * @param run where checkpoints, history and the final model go, or null for none
     * @see #fit(Model, Dataset, Dataset, TrainConfig, TrainingListener)
     */
    public TrainResult fit(Model model, Dataset train, Dataset validation, TrainConfig config, RunDirectory run,
                           TrainingListener listener) throws IOException {
        TrainingListener events = listener == null ? TrainingListener.NONE : listener;
        if (validation == null && config.validationFraction() > 0) {
            DatasetSplit split = train.split(config.validationFraction(), config.seed());
            train = split.train();
            validation = split.validation().size() > 0 ? split.validation() : null;
        }
        Evaluator.checkData(model, train);
        LossSetup setup = LossSetup.resolve(config.loss(), model, train.numClasses());
        if (validation != null) {
            Evaluator.checkData(model, validation);
            if (validation.numClasses() != train.numClasses()) {
                throw new IllegalArgumentException("validation data has " + validation.numClasses() + " classes, training data " + train.numClasses());
            }
        }
        LearningRateSchedule schedule = TrainOptions.schedule(config.schedule());
        if (schedule.needsValidation() && validation == null) {
            throw new IllegalArgumentException("schedule " + config.schedule() + " monitors val_loss but there is no validation data"
                    + " (set a validation fraction or use monitor=loss)");
        }
        EarlyStopping early = TrainOptions.earlyStopping(config.earlyStopping());
        if (early != null && early.monitor().needsValidation() && validation == null) {
            throw new IllegalArgumentException("early stopping monitors " + early.monitor().key() + " but there is no validation data"
                    + " (set a validation fraction or use monitor=loss)");
        }
        if (config.keepBest() != null && Monitor.parse(config.keepBest(), "keep best").needsValidation() && validation == null) {
            throw new IllegalArgumentException("keep best monitors " + config.keepBest() + " but there is no validation data"
                    + " (set a validation fraction or monitor loss)");
        }
        Augmentation augmentation = TrainOptions.augmentation(config.augmentation());
        Batches batches = Batches.shuffled(train, config.batchSize(), config.seed()).withAugmentation(augmentation);

        try (Optimizer optimizer = TrainOptions.optimizer(config.optimizer());
             DeviceBatches tensors = new DeviceBatches(model.backend(), model.dtype(), model.inputShape(), setup.width());
             Evaluator evaluator = validation == null ? null : new Evaluator(model, setup, config.batchSize())) {
            RunState state = run != null && run.checkpoint() != null
                    ? resume(model, optimizer, schedule, config, run, train.size(), batches.batchesPerEpoch(), events)
                    : RunState.fresh();
            Loop loop = new Loop(model, setup, optimizer, schedule, batches, tensors, evaluator, validation, config, run, events);
            loop.watch(early, state);
            return loop.run(state);
        } finally {
            stopRequested = false;
        }
    }

    /** Passes {@code message} to the listener; null: nothing to say. */
    private static void warn(String message, TrainingListener events) {
        if (message != null) events.onWarning(message);
    }

    private RunState resume(Model model, Optimizer optimizer, LearningRateSchedule schedule, TrainConfig config, RunDirectory run,
                            int trainSamples, int batchesPerEpoch, TrainingListener events) throws IOException {
        CheckpointData cp = run.checkpoint();
        String src = cp.source();
        if (!cp.spec().toJson().equals(model.spec().toJson())) {
            throw new IOException(src + ": the checkpoint's architecture differs from the model being trained");
        }
        ResumeCheck.compatible(cp.config(), config, src);
        TrainingProgress p = cp.progress();
        if (p.trainSamples() != trainSamples) {
            throw new IOException(src + ": the checkpoint was taken with " + p.trainSamples() + " training samples, the data now has " + trainSamples);
        }
        if (p.batch() > batchesPerEpoch || p.globalStep() != (long) p.epoch() * batchesPerEpoch + p.batch()) {
            throw new IOException(src + ": epoch " + p.epoch() + " batch " + p.batch() + " step " + p.globalStep()
                    + " do not fit " + batchesPerEpoch + " batches per epoch");
        }
        if (p.epoch() > config.epochs()) throw new IOException(src + ": the checkpoint is at epoch " + p.epoch() + ", beyond the " + config.epochs() + " epochs asked for");
        cp.restoreWeights(model);
        cp.restoreOptimizer(optimizer, model);
        try {
            schedule.restoreState(p.scheduleState());
        } catch (IllegalArgumentException e) {
            throw new IOException(src + ": " + e.getMessage());
        }
        warn(run.writeHistory(p.history()), events);
        events.onResume(p.epoch() + 1, p.batch(), p.globalStep());
        return RunState.of(p);
    }

    /** One fit call's loop; separate so that its many collaborators are fields, not parameters. */
    private final class Loop {
        private final Model model;
        private final Backend backend;
        private final LossSetup setup;
        private final Optimizer optimizer;
        private final LearningRateSchedule schedule;
        private final Batches batches;
        private final DeviceBatches tensors;
        private final Evaluator evaluator;
        private final Dataset validation;
        private final TrainConfig config;
        private final RunDirectory run;
        private final TrainingListener events;
        private final List<Parameter> parameters;
        private final boolean regularized;
        private final float[] images, oneHot, binary, scratch;
        private Path lastCheckpoint;
        private double lastLearningRate;
        private EarlyStopping early;
        private BestSoFar earlyBest, keepBest;
        private WeightSnapshot bestWeights;
        private Path savedBest;

        Loop(Model model, LossSetup setup, Optimizer optimizer, LearningRateSchedule schedule, Batches batches,
             DeviceBatches tensors, Evaluator evaluator, Dataset validation, TrainConfig config, RunDirectory run, TrainingListener events) {
            this.model = model;
            this.backend = model.backend();
            this.setup = setup;
            this.optimizer = optimizer;
            this.schedule = schedule;
            this.batches = batches;
            this.tensors = tensors;
            this.evaluator = evaluator;
            this.validation = validation;
            this.config = config;
            this.run = run;
            this.events = events;
            this.parameters = model.parameters();
            this.regularized = Regularization.any(parameters);
            this.images = new float[batches.imageBufferSize()];
            this.oneHot = new float[batches.labelBufferSize()];
            this.binary = new float[config.batchSize()];
            this.scratch = new float[config.batchSize()];
            this.lastLearningRate = optimizer.learningRate();
        }

        /**
         * Sets up early stopping and keep-best, replaying a resumed run's history so that their best
         * values and patience counters continue where the run left off.
         */
        void watch(EarlyStopping early, RunState s) {
            this.early = early;
            if (early != null) earlyBest = new BestSoFar(early.monitor(), early.minDelta());
            if (config.keepBest() != null) keepBest = new BestSoFar(Monitor.parse(config.keepBest(), "keep best"), 0);
            for (EpochResult r : s.history) {
                if (earlyBest != null) earlyBest.update(r);
                if (keepBest != null) keepBest.update(r);
            }
            // Resumed at the end of the best epoch: the weights just restored from the checkpoint are its weights.
            if (early != null && early.restoreBest() && earlyBest.bestEpoch() > 0 && earlyBest.bestEpoch() == s.epoch && s.batch == 0) {
                bestWeights = new WeightSnapshot(parameters);
            }
        }

        /**
         * Early stopping and keep-best look at a finished epoch; returns whether training stops here.
         * A new best model is written now and announced with {@link #announceBest} after the epoch's line.
         */
        private boolean watchEpoch(EpochResult r) throws IOException {
            savedBest = null;
            boolean stop = false;
            if (earlyBest != null) {
                if (earlyBest.update(r)) {
                    if (early.restoreBest()) bestWeights = new WeightSnapshot(parameters);
                } else {
                    // Keras: stop once `patience` epochs in a row did not improve, never after the first epoch.
                    stop = earlyBest.sinceImprovement() >= early.patience() && r.epoch() > 1;
                }
            }
            if (keepBest != null && keepBest.update(r) && run != null) {
                savedBest = run.writeBestModel(model);
            }
            return stop;
        }

        private void announceBest(EpochResult r) {
            if (savedBest != null) events.onBestModelSaved(savedBest, r.epoch(), keepBest.monitor().key(), keepBest.best());
        }

        /** Early stopping's restore_best, before the final model is written. */
        private void restoreBest() {
            if (early == null || !early.restoreBest() || earlyBest.bestEpoch() == 0) return;
            if (bestWeights != null) bestWeights.restore(parameters);
            events.onBestWeightsRestored(earlyBest.bestEpoch(), bestWeights != null);
        }

        TrainResult run(RunState s) throws IOException {
            int perEpoch = batches.batchesPerEpoch();
            while (s.epoch < config.epochs()) {
                long epochStart = System.nanoTime();
                events.onEpochStart(s.epoch + 1, config.epochs(), perEpoch);
                double dataWait;
                // Closing the iterator stops a streamed dataset's loader threads on every way out, exceptions included.
                try (BatchIterator it = batches.iterator(s.epoch, s.batch)) {
                    while (it.hasNext()) {
                        step(s, it, perEpoch);
                        events.onBatchEnd(s.epoch + 1, s.batch, perEpoch, s.lossSum / s.seen, (double) s.correct / s.seen,
                                s.seen / seconds(s, epochStart), it.waitSeconds() / Math.max(1e-9, (System.nanoTime() - epochStart) * 1e-9));
                        boolean last = !it.hasNext();
                        boolean periodic = config.checkpointEverySteps() > 0 && s.globalStep % config.checkpointEverySteps() == 0;
                        if (!last && (periodic || stopRequested)) checkpoint(s, seconds(s, epochStart));
                        if (!last && stopRequested) return result(s, false);
                    }
                    dataWait = it.waitSeconds();
                }
                double trainSeconds = seconds(s, epochStart);
                Evaluation v = evaluator == null ? null : evaluator.evaluate(validation, false);
                double epochSeconds = seconds(s, epochStart);
                EpochResult r = new EpochResult(s.epoch + 1, s.lossSum / s.seen, (double) s.correct / s.seen,
                        v == null ? Double.NaN : v.loss(), v == null ? Double.NaN : v.accuracy(), lastLearningRate,
                        epochSeconds, s.seen / trainSeconds, dataWait);
                schedule.onEpochEnd(r.loss(), r.valLoss());
                s.history.add(r);
                boolean stopEarly = watchEpoch(r);
                s.startNextEpoch();
                checkpoint(s, 0);
                String chartWarning = run == null ? null : run.writeHistory(s.history);
                events.onEpochEnd(r);
                warn(chartWarning, events);
                announceBest(r);
                if (stopEarly && s.epoch < config.epochs()) {
                    events.onEarlyStop(r.epoch(), earlyBest.monitor().key(), earlyBest.bestEpoch(), earlyBest.best());
                    break;
                }
                if (stopRequested && s.epoch < config.epochs()) return result(s, false);
            }
            restoreBest();
            Path modelFile = run == null ? null : run.writeModel(model);
            return new TrainResult(s.history, s.globalStep, true, lastCheckpoint, modelFile);
        }

        private void step(RunState s, BatchIterator it, int perEpoch) {
            int n = it.next(images, oneHot);
            DeviceBatches.Set t = tensors.get(n);
            backend.upload(images, 0, t.input());
            float[] targets = setup.targets(oneHot, n, binary);
            backend.upload(targets, 0, t.target());

            double lr = schedule.learningRate(optimizer.baseLearningRate(),
                    new LearningRateSchedule.Position(s.epoch, s.batch, perEpoch, config.epochs()));
            optimizer.setLearningRate(lr);
            lastLearningRate = lr;

            ForwardContext ctx = new ForwardContext(true, StepSeeds.dropout(config.seed(), s.globalStep));
            Tensor output = model.forward(t.input(), ctx, setup.logits());
            double loss = backend.loss().forwardBackward(setup.kind(), output, t.target(), t.scratch());
            long correct = setup.countCorrect(output, t.target(), targets, n, scratch);
            if (regularized) loss += Regularization.penalty(parameters);
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("loss became " + loss + " at epoch " + (s.epoch + 1) + " batch " + (s.batch + 1)
                        + " (learning rate " + lr + "); try a lower learning rate or gradient clipping");
            }
            model.backward(t.scratch(), false);
            optimizer.step(parameters);

            s.batch++;
            s.globalStep++;
            s.lossSum += loss * n;
            s.correct += correct;
            s.seen += n;
        }

        private void checkpoint(RunState s, double epochSeconds) throws IOException {
            if (run == null) return;
            TrainingProgress p = s.snapshot(batches.dataset().size(), schedule.state(), epochSeconds);
            lastCheckpoint = run.writeCheckpoint(model, config, optimizer, p);
            events.onCheckpoint(lastCheckpoint, s.epoch + 1, s.batch, s.globalStep);
        }

        private TrainResult result(RunState s, boolean completed) {
            return new TrainResult(s.history, s.globalStep, completed, lastCheckpoint, null);
        }

        private double seconds(RunState s, long epochStart) {
            return s.earlierSeconds + Math.max(1e-9, (System.nanoTime() - epochStart) * 1e-9);
        }
    }
}
