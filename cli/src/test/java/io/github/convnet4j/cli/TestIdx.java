package io.github.convnet4j.cli;

import io.github.convnet4j.data.Dataset;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes a one-channel dataset as the gzipped IDX pair {@code <prefix>-images-idx3-ubyte.gz} / {@code <prefix>-labels-idx1-ubyte.gz}. */
public final class TestIdx {
    private TestIdx() {}

    /** @return the images file */
    public static Path write(Dataset d, Path dir, String prefix) throws Exception {
        int n = d.size(), h = d.sampleShape().dim(1), w = d.sampleShape().dim(2);
        Path images = dir.resolve(prefix + "-images-idx3-ubyte.gz");
        try (DataOutputStream o = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(images)))) {
            o.writeInt(0x803); o.writeInt(n); o.writeInt(h); o.writeInt(w);
            for (float v : java.util.Arrays.copyOf(d.images(), n * h * w)) o.writeByte(Math.round(v * 255));
        }
        try (OutputStream raw = new GZIPOutputStream(Files.newOutputStream(dir.resolve(prefix + "-labels-idx1-ubyte.gz")));
             DataOutputStream o = new DataOutputStream(raw)) {
            o.writeInt(0x801); o.writeInt(n);
            for (int i = 0; i < n; i++) o.writeByte(d.label(i));
        }
        return images;
    }
}
