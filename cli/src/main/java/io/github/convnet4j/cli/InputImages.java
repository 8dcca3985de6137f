package io.github.convnet4j.cli;

import io.github.convnet4j.data.IdxArray;
import io.github.convnet4j.data.IdxReader;
import io.github.convnet4j.data.ImageLoader;
import io.github.convnet4j.tensor.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Images named on the command line ({@code predict}, {@code explain}): a PNG/JPEG (converted to the
 * model's channels and size) or a range of an IDX images file, {@code (N, H, W)} (one channel) or
 * {@code (N, C, H, W)}, as train and evaluate read them, as {@code (C, H, W)} values in [0, 1].
 */
final class InputImages {
    /** One image and how to name it ({@code file} or {@code file#index}). */
    record Image(String id, float[] values) {}

    private InputImages() {}

    /**
     * @param invert whether to invert a PNG/JPEG (dark on light to light on dark); IDX images are taken as they are
     * @param first  the first IDX image to take
     * @param count  how many IDX images to take at most (a PNG/JPEG is always one)
     */
    static List<Image> load(Path file, Shape sample, boolean invert, int first, int count) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + ": is a directory; --input takes image files (.png, .jpg) or IDX image files");
        }
        if (!Files.exists(file)) throw new IllegalArgumentException(file + ": does not exist");
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
            return List.of(new Image(file.toString(), ImageLoader.load(file, sample, invert)));
        }
        IdxArray idx = IdxReader.read(file);
        int[] dims = idx.dims();
        Shape each = switch (dims.length) {
            case 3 -> Shape.of(1, dims[1], dims[2]);
            case 4 -> Shape.of(dims[1], dims[2], dims[3]);
            default -> null;
        };
        if (each == null || !each.equals(sample)) {
            throw new IllegalArgumentException(file + ": IDX images of dimensions " + idx.dimsText()
                    + (each == null ? " are neither (N, H, W) nor (N, C, H, W)" : ", samples " + each + ", do not fit the model's input " + sample));
        }
        if (first < 0 || first >= dims[0]) throw new IllegalArgumentException(file + ": image index " + first + " is outside 0.." + (dims[0] - 1));
        int size = Math.toIntExact(sample.size());
        byte[] raw = idx.data();
        List<Image> out = new ArrayList<>();
        for (int i = first; i < Math.min(dims[0], first + (long) count); i++) {
            float[] one = new float[size];
            for (int k = 0; k < size; k++) one[k] = (raw[i * size + k] & 0xFF) / 255f;
            out.add(new Image(file + "#" + i, one));
        }
        return out;
    }
}
