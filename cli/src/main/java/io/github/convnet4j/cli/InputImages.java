package io.github.convnet4j.cli;

import io.github.convnet4j.data.IdxArray;
import io.github.convnet4j.data.IdxReader;
import io.github.convnet4j.data.ImageLoader;
import io.github.convnet4j.tensor.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Images named on the command line: a PNG/JPEG (converted to the model's channels and size) or a
 * range of an IDX images file ({@code (N, H, W)} for one-channel models), as {@code (C, H, W)} values in [0, 1].
 */
final class InputImages {
    /** One image and how to name it ({@code file} or {@code file#index}). */
    record Image(String id, float[] values) {}

    private InputImages() {}

    /**
     * @param invert whether to invert a PNG/JPEG (dark on light to light on dark); IDX images are taken as they are
     * @param first the first IDX image to take
     * @param count how many IDX images to take at most (a PNG/JPEG is always one)
     */
    static List<Image> load(Path file, Shape sample, boolean invert, int first, int count) throws IOException {
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
            return List.of(new Image(file.toString(), ImageLoader.load(file, sample, invert)));
        }
        IdxArray idx = IdxReader.read(file);
        int[] dims = idx.dims();
        if (dims.length != 3 || dims[1] != sample.dim(1) || dims[2] != sample.dim(2) || sample.dim(0) != 1) {
            throw new IllegalArgumentException(file + ": IDX images of shape " + Arrays.toString(dims) + " do not fit the model's input " + sample);
        }
        if (first < 0 || first >= dims[0]) throw new IllegalArgumentException(file + ": image index " + first + " is outside 0.." + (dims[0] - 1));
        int per = dims[1] * dims[2];
        byte[] raw = idx.data();
        List<Image> out = new ArrayList<>();
        for (int i = first; i < Math.min(dims[0], first + (long) count); i++) {
            float[] one = new float[per];
            for (int j = 0; j < per; j++) one[j] = (raw[i * per + j] & 0xFF) / 255f;
            out.add(new Image(file + "#" + i, one));
        }
        return out;
    }
}
