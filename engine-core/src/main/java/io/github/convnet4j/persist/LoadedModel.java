package io.github.convnet4j.persist;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.model.MemoryEstimate;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.nn.AbstractLayer;
import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.nn.ParameterSpec;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.HostTensor;
import java.io.IOException;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A model file's content on the host.
 *
 * @param spec    the architecture
 * @param weights every parameter (trainable and state) by name {@code <layer>/<param>}, float32
 * @param source  the file it came from, for error messages
 */
public record LoadedModel(ModelSpec spec, Map<String, HostTensor> weights, String source) {
    public LoadedModel {
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }

    /**
     * Uploads the weights into a built model whose parameters must match exactly: same names, same
     * shapes, nothing missing, nothing extra.
     *
     * @throws IOException one line naming the source and the first tensor that does not fit
     */
    public void copyInto(Model model) throws IOException {
        copy(model, weights, source);
    }

    /**
     * Builds the model on {@code backend} and loads the weights, after checking, before anything
     * is allocated, that the file holds exactly the tensors the architecture needs (names and
     * shapes) and that the heap can hold them: a 228-byte file declaring {@code Dense(300000)}
     * used to allocate and initialize 3.9 GB before saying "missing tensor".
     *
     * @throws IOException naming the source and the first missing, extra or mis-shaped tensor
     * @throws io.github.convnet4j.util.HeapLimitException when the model cannot fit the heap
     */
    public Model build(Backend backend, DType dtype) throws IOException {
        Model model = Model.of(spec);
        try {
            checkTensors(model);
            MemoryEstimate.require(model, backend, 0, 0, "the model in " + source);
            model.build(backend, dtype, 0);
            copy(model, weights, source);
            return model;
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Every parameter the (unbuilt) model will have is in the file with its shape, and nothing else is. */
    void checkTensors(Model model) throws IOException {
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < model.layers().size(); i++) {
            if (!(model.layers().get(i) instanceof AbstractLayer layer)) continue;
            for (ParameterSpec p : layer.parameterSpecs(model.layerInputShape(i))) {
                String name = layer.name() + "/" + p.localName();
                HostTensor h = weights.get(name);
                if (h == null) throw new IOException(source + ": missing tensor " + name + " " + p.shape());
                if (!h.shape().equals(p.shape())) {
                    throw new IOException(source + ": tensor " + name + " has shape " + h.shape() + " but the model needs " + p.shape());
                }
                expected.add(name);
            }
        }
        for (String name : weights.keySet()) {
            if (!expected.contains(name)) throw new IOException(source + ": unexpected tensor " + name + " (the model has no such parameter)");
        }
    }

    static void copy(Model model, Map<String, HostTensor> weights, String source) throws IOException {
        Set<String> seen = new HashSet<>();
        for (Parameter p : model.parameters()) {
            HostTensor h = weights.get(p.name());
            if (h == null) throw new IOException(source + ": missing tensor " + p.name() + " " + p.value().shape());
            if (!h.shape().equals(p.value().shape())) {
                throw new IOException(source + ": tensor " + p.name() + " has shape " + h.shape() + " but the model needs " + p.value().shape());
            }
            seen.add(p.name());
        }
        for (String name : weights.keySet()) {
            if (!seen.contains(name)) throw new IOException(source + ": unexpected tensor " + name + " (the model has no such parameter)");
        }
        // Only upload after everything checked out, so a bad file leaves the model untouched.
        for (Parameter p : model.parameters()) HostCopies.upload(weights.get(p.name()), p.value());
    }
}
