package io.github.convnet4j.persist;

import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.nn.Parameter;
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
