package io.github.convnet4j.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.convnet4j.conformance.Tolerance;
import io.github.convnet4j.golden.GoldenFile.Case;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.nn.ForwardContext;
import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.tensor.Tensor;
import java.util.HashSet;
import java.util.Set;

/**
 * Whole graph blocks against PyTorch: the case's spec is built as a model, its parameters loaded by
 * name, then forward (inference) and backward with the stored dy; y, dx and every parameter
 * gradient are compared. The F32 allowance is that of a sum of 200 terms of magnitude 2, above
 * the longest chain of reductions in these blocks (a 5×5 convolution after a 1×1 one, the
 * concatenation's backward summing four branches into dx).
 */
final class GoldenBlocks {
    private GoldenBlocks() {}

    private static final Tolerance F32 = Tolerance.f32Sum(200, 2);

    static void check(GoldenScope s, Case c) {
        ModelSpec spec = ModelSpec.parse(c.param("spec").toString(), "blocks.json");
        try (Model m = Model.of(spec)) {
            m.build(s.backend(), s.dtype(), 1);
            Set<String> loaded = new HashSet<>();
            for (Parameter p : m.parameters()) {
                Tensor stored = s.input(p.name(), c.tensor(p.name()));
                s.backend().elementwise().copy(stored, p.value());
                loaded.add(p.name());
            }
            long storedParams = c.tensors().keySet().stream().filter(k -> k.startsWith("grad:")).count();
            assertEquals(storedParams, loaded.size(), "every stored parameter is one of the model's");
            Tensor x = s.input("x", c.tensor("x"));
            Tensor y = m.forward(x, ForwardContext.INFERENCE, false);
            s.check(c.name() + " y", y, c.tensor("y"), F32);
            Tensor dx = m.backward(s.input("dy", c.tensor("dy")), true);
            s.check(c.name() + " dx", dx, c.tensor("dx"), F32);
            for (Parameter p : m.parameters()) s.check(c.name() + " d " + p.name(), p.grad(), c.tensor("grad:" + p.name()), F32);
        }
    }
}
