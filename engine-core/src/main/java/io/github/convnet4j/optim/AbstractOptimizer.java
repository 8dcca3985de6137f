package io.github.convnet4j.optim;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.nn.Regularizer;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.HostTensor;
import io.github.convnet4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every optimizer shares: the step order (regularize, clip, count, update), the learning rate,
 * and per-parameter state tensors ("slots") kept by parameter name, allocated on the parameter's
 * backend the first time it is stepped and reused after that.
 */
public abstract class AbstractOptimizer implements Optimizer {
    private final double baseLearningRate;
    private final GradientClipping clipping;
    private final GradientClipper clipper;
    private final Map<String, Tensor[]> slots = new LinkedHashMap<>();
    private final List<Parameter> trainable = new ArrayList<>();
    private double learningRate;
    private long iterations;

    protected AbstractOptimizer(double learningRate, GradientClipping clipping) {
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a finite number >= 0, got " + learningRate);
        }
        this.baseLearningRate = learningRate;
        this.learningRate = learningRate;
        this.clipping = clipping == null ? GradientClipping.NONE : clipping;
        this.clipper = new GradientClipper(this.clipping);
    }

    /** Names of the state tensors each parameter has, e.g. {@code m, v}; empty for plain SGD. */
    protected abstract List<String> slotNames();

    /**
     * Applies the update rule to one parameter.
     *
     * @param p     the parameter, with its (regularized, clipped) gradient
     * @param state its slots, in {@link #slotNames()} order, same shape as {@code p.value()}
     * @param lr    the learning rate of this step
     * @param t     the step number, starting at 1
     */
    protected abstract void update(Parameter p, Tensor[] state, double lr, long t);

    /** The spec options after the name, e.g. {@code beta1=0.9,beta2=0.999}, without lr and clipping. */
    protected abstract String specOptions();

    @Override public final String spec() {
        StringBuilder b = new StringBuilder(name()).append(":lr=").append(baseLearningRate);
        String own = specOptions();
        if (!own.isEmpty()) b.append(',').append(own);
        if (clipping.clipNorm() > 0) b.append(",clipnorm=").append(clipping.clipNorm());
        if (clipping.globalClipNorm() > 0) b.append(",global_clipnorm=").append(clipping.globalClipNorm());
        if (clipping.clipValue() > 0) b.append(",clipvalue=").append(clipping.clipValue());
        return b.toString();
    }

    @Override public double baseLearningRate() { return baseLearningRate; }
    @Override public double learningRate() { return learningRate; }

    @Override public void setLearningRate(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("learning rate must be a finite number >= 0, got " + lr);
        learningRate = lr;
    }

    @Override public GradientClipping clipping() { return clipping; }
    @Override public long iterations() { return iterations; }

    @Override public final void step(List<Parameter> parameters) {
        trainable.clear();
        for (Parameter p : parameters) if (p.trainable()) trainable.add(p);
        for (Parameter p : trainable) {
            Regularizer r = p.regularizer();
            if (!r.isNone()) p.value().backend().elementwise().addRegularizationGradient(p.value(), p.grad(), r.l1(), r.l2());
        }
        if (clipping.enabled()) clipper.apply(trainable);
        iterations++;
        for (Parameter p : trainable) update(p, slotsFor(p), learningRate, iterations);
    }

    private Tensor[] slotsFor(Parameter p) {
        Tensor[] s = slots.get(p.name());
        if (s == null) {
            s = allocate(p);
            slots.put(p.name(), s);
        } else if (s.length > 0 && !s[0].shape().equals(p.value().shape())) {
            throw new IllegalArgumentException("optimizer state for " + p.name() + " has shape " + s[0].shape()
                    + " but the parameter has shape " + p.value().shape());
        }
        return s;
    }

    private Tensor[] allocate(Parameter p) {
        List<String> names = slotNames();
        Tensor[] s = new Tensor[names.size()];
        for (int i = 0; i < s.length; i++) s[i] = p.value().backend().allocate(p.value().shape(), p.value().dtype());
        return s;
    }

    @Override public OptimizerState exportState() {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        List<String> names = slotNames();
        for (Map.Entry<String, Tensor[]> e : slots.entrySet()) {
            for (int i = 0; i < names.size(); i++) out.put(e.getKey() + "/" + names.get(i), download(e.getValue()[i]));
        }
        return new OptimizerState(name(), iterations, out);
    }

    @Override public void importState(OptimizerState state, List<Parameter> parameters) {
        if (!name().equals(state.optimizer())) {
            throw new IllegalArgumentException("optimizer state is for " + state.optimizer() + ", not " + name());
        }
        Map<String, Parameter> byName = new HashMap<>();
        for (Parameter p : parameters) if (p.trainable()) byName.put(p.name(), p);
        List<String> names = slotNames();
        Map<String, HostTensor[]> grouped = new LinkedHashMap<>();
        for (Map.Entry<String, HostTensor> e : state.tensors().entrySet()) {
            String key = e.getKey();
            int cut = key.lastIndexOf('/');
            String param = cut < 0 ? "" : key.substring(0, cut);
            int slot = cut < 0 ? -1 : names.indexOf(key.substring(cut + 1));
            if (slot < 0) throw new IllegalArgumentException("optimizer state tensor " + key + ": " + name() + " has no such slot (slots: " + names + ")");
            Parameter p = byName.get(param);
            if (p == null) throw new IllegalArgumentException("optimizer state tensor " + key + ": the model has no trainable parameter " + param);
            if (!e.getValue().shape().equals(p.value().shape())) {
                throw new IllegalArgumentException("optimizer state tensor " + key + " has shape " + e.getValue().shape()
                        + " but parameter " + param + " has shape " + p.value().shape());
            }
            grouped.computeIfAbsent(param, k -> new HostTensor[names.size()])[slot] = e.getValue();
        }
        for (Map.Entry<String, HostTensor[]> e : grouped.entrySet()) {
            for (int i = 0; i < names.size(); i++) {
                if (e.getValue()[i] == null) throw new IllegalArgumentException("optimizer state for " + e.getKey() + " lacks slot " + names.get(i));
            }
        }
        close();
        // Keep the model's parameter order so a re-export lists tensors in the same order.
        for (Parameter p : parameters) {
            HostTensor[] host = grouped.get(p.name());
            if (host == null) continue;
            Tensor[] s = allocate(p);
            for (int i = 0; i < s.length; i++) p.value().backend().upload(host[i].data(), 0, s[i]);
            slots.put(p.name(), s);
        }
        iterations = state.iterations();
    }

    private static HostTensor download(Tensor t) {
        Backend b = t.backend();
        float[] data = new float[Math.toIntExact(t.size())];
        if (t.dtype() == DType.F64) {
            double[] d = new double[data.length];
            b.download(t, d, 0);
            for (int i = 0; i < d.length; i++) data[i] = (float) d[i];
        } else {
            b.download(t, data, 0);
        }
        return new HostTensor(t.shape(), data);
    }

    @Override public void close() {
        for (Tensor[] s : slots.values()) for (Tensor t : s) t.close();
        slots.clear();
    }

    @Override public String toString() { return spec(); }
}
