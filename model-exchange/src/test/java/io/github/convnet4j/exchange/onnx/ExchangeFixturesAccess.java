package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.tensor.Shape;
import java.io.IOException;
import java.util.List;

/** {@link ExchangeFixtures} for tests in other packages of this module. */
public final class ExchangeFixturesAccess {
    private ExchangeFixturesAccess() {}

    /** Every preset, the every-layer spec and the global-pooling spec. */
    public static List<ModelSpec> specs() { return OnnxExportTest.specs().toList(); }

    public static Model built(ModelSpec spec, long seed) { return ExchangeFixtures.built(spec, seed); }

    public static float[] images(Shape input, int n) throws IOException { return ExchangeFixtures.images(input, n); }

    public static float[] predict(Model model, float[] images, int n) { return ExchangeFixtures.predict(model, images, n); }
}
