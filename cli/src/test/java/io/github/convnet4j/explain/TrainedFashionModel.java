package io.github.convnet4j.explain;

import io.github.convnet4j.cpu.CpuBackend;
import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.data.MnistFormat;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.Presets;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.testdata.BundledData;
import io.github.convnet4j.train.TrainConfig;
import io.github.convnet4j.train.Trainer;

/**
 * keras-mnist trained on a slice of Fashion-MNIST with a fixed seed (one epoch over 8,000 images,
 * a few seconds), shared by the explanation tests of one JVM, beside an untrained twin.
 */
public final class TrainedFashionModel {
    static final int TRAIN_IMAGES = 8000;
    private static TrainedFashionModel instance;

    public final CpuBackend backend = new CpuBackend();
    public final Model trained = Model.of(Presets.get("keras-mnist"));
    public final Model untrained = Model.of(Presets.get("keras-mnist"));
    public final Dataset test;

    private TrainedFashionModel() throws Exception {
        MnistFormat.TrainTest data = MnistFormat.load(n -> BundledData.open("fashion-mnist", n), "fashion-mnist");
        test = data.test();
        trained.build(backend, DType.F32, 42);
        untrained.build(backend, DType.F32, 7);
        TrainConfig c = TrainConfig.builder().epochs(1).batchSize(64).optimizer("adam").seed(42).build();
        new Trainer().fit(trained, data.train().subset(TRAIN_IMAGES), null, c, null);
    }

    public static synchronized TrainedFashionModel get() throws Exception {
        if (instance == null) instance = new TrainedFashionModel();
        return instance;
    }

    /** Test image {@code i} as {@code (1, 28, 28)} values. */
    public float[] image(int i) {
        float[] x = new float[test.sampleSize()];
        test.copySample(i, x, 0);
        return x;
    }
}
