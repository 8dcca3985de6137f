package io.github.convnet4j.exchange;

import io.github.convnet4j.io.SafeTensors;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.persist.TorchNames;
import io.github.convnet4j.tensor.HostTensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code convnet export --format safetensors-torch}: the weights as a PyTorch {@code state_dict} of
 * the {@code nn.Sequential} that {@link TorchNames} describes ({@code 0.weight}, {@code 0.bias},
 * {@code 3.weight}, ...), F32, with metadata {@code format = pt} (as {@code safetensors.torch}
 * writes) and {@code convnet4j_architecture} (our spec JSON, from which the README's snippet builds
 * the module). PyTorch's {@code num_batches_tracked} counters are not written (load with
 * {@code strict=False}).
 */
public final class TorchStateDict {
    private TorchStateDict() {}

    /** The tensors under PyTorch's names, in model order. */
    public static Map<String, HostTensor> tensors(ModelSpec spec, Map<String, HostTensor> weights) {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        try (Model m = Model.of(spec)) {
            TorchNames.sequentialNames(m).forEach((ours, theirs) -> {
                HostTensor t = weights.get(ours);
                if (t == null) throw new IllegalArgumentException("the weights have no tensor " + ours);
                out.put(theirs, t);
            });
        }
        return out;
    }

    /** Writes {@link #tensors} with the metadata, atomically. */
    public static void write(ModelSpec spec, Map<String, HostTensor> weights, Path file) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put("convnet4j_architecture", spec.toJson());
        SafeTensors.write(file, tensors(spec, weights), meta);
    }
}
