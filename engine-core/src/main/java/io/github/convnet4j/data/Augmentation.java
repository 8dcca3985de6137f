package io.github.convnet4j.data;

import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.util.Rng;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Random image augmentation applied on the host to a batch buffer {@code (n, C, H, W)} in place,
 * reproducibly: batch {@code b} of epoch {@code e} always draws from {@code Rng.derive(seed, e, b)},
 * so a resumed run augments exactly like the uninterrupted one. Each sample draws the same count of
 * random numbers whatever the outcome, in the order the operations are listed below.
 *
 * <p>Spec string: comma-separated items, e.g. {@code "flip,shift=2,rotate=10"}:
 * <ul>
 *   <li>{@code flip[=P]}: mirror left-right with probability P (default 0.5)</li>
 *   <li>{@code crop=PAD}: pad by PAD zero pixels on each side, then crop a random H × W window</li>
 *   <li>{@code shift=PIXELS}: translate by whole pixels, dx and dy uniform in [-PIXELS, PIXELS], zero fill</li>
 *   <li>{@code rotate=DEGREES}: rotate about the centre by an angle uniform in [-DEGREES, DEGREES],
 *       bilinear sampling, zero fill</li>
 *   <li>{@code brightness=A}: multiply by a factor uniform in [1-A, 1+A], clamp to [0, 1]</li>
 *   <li>{@code contrast=A}: scale the distance from the sample's mean by a factor uniform in
 *       [1-A, 1+A], clamp to [0, 1]</li>
 * </ul>
 * Brightness and contrast assume images in [0, 1], as {@link Dataset} stores them.
 * An empty spec or {@code "none"} means no augmentation. Not thread-safe (it keeps one scratch sample).
 */
public final class Augmentation {
    private static final String KNOWN = "flip[=P], crop=PAD, shift=PIXELS, rotate=DEGREES, brightness=A, contrast=A";

    private final double flipProbability;
    private final int cropPadding;
    private final int shiftPixels;
    private final double rotateDegrees;
    private final double brightness;
    private final double contrast;
    private final String spec;
    private float[] scratch = new float[0];

    private Augmentation(Map<String, Double> items, String spec) {
        this.flipProbability = items.getOrDefault("flip", 0.0);
        this.cropPadding = items.getOrDefault("crop", 0.0).intValue();
        this.shiftPixels = items.getOrDefault("shift", 0.0).intValue();
        this.rotateDegrees = items.getOrDefault("rotate", 0.0);
        this.brightness = items.getOrDefault("brightness", 0.0);
        this.contrast = items.getOrDefault("contrast", 0.0);
        this.spec = spec;
    }

    /** No augmentation. */
    public static Augmentation none() { return new Augmentation(Map.of(), "none"); }

    /**
     * Parses a spec like {@code "flip,shift=2,rotate=10"}.
     *
     * @throws IllegalArgumentException naming the item and listing the known ones, for an unknown,
     *                                  repeated or out-of-range item
     */
    public static Augmentation parse(String spec) {
        String s = spec == null ? "" : spec.trim();
        if (s.isEmpty() || s.equalsIgnoreCase("none")) return none();
        Map<String, Double> items = new LinkedHashMap<>();
        List<String> canonical = new ArrayList<>();
        for (String raw : s.split(",", -1)) {
            String item = raw.trim();
            if (item.isEmpty()) throw new IllegalArgumentException("empty item in augmentation spec \"" + spec + "\"");
            int eq = item.indexOf('=');
            String key = (eq < 0 ? item : item.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? null : item.substring(eq + 1).trim();
            double v = switch (key) {
                case "flip" -> value == null ? 0.5 : number(key, value, 0, 1, false, spec);
                case "crop", "shift" -> number(key, require(key, value, spec), 0, 1024, true, spec);
                case "rotate" -> number(key, require(key, value, spec), 0, 180, false, spec);
                case "brightness", "contrast" -> number(key, require(key, value, spec), 0, 1, false, spec);
                default -> throw new IllegalArgumentException("unknown augmentation '" + item + "' in \"" + spec + "\" (known: " + KNOWN + ")");
            };
            if (items.put(key, v) != null) throw new IllegalArgumentException("augmentation '" + key + "' given twice in \"" + spec + "\"");
            canonical.add(key + "=" + (key.equals("crop") || key.equals("shift") ? String.valueOf((int) v) : String.valueOf(v)));
        }
        return new Augmentation(items, String.join(",", canonical));
    }

    private static String require(String key, String value, String spec) {
        if (value == null || value.isEmpty()) throw new IllegalArgumentException("augmentation '" + key + "' needs a value, e.g. " + key + "=2, in \"" + spec + "\"");
        return value;
    }

    private static double number(String key, String value, double min, double max, boolean integer, String spec) {
        double v;
        try {
            v = integer ? Integer.parseInt(value) : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("augmentation '" + key + "' has a bad value '" + value + "' in \"" + spec + "\" (expected " + (integer ? "an integer" : "a number") + ")");
        }
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException("augmentation '" + key + "=" + value + "' is outside [" + fmt(min) + ", " + fmt(max) + "] in \"" + spec + "\"");
        }
        return v;
    }

    private static String fmt(double v) { return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v); }

    /** Whether this does nothing. */
    public boolean isIdentity() {
        return flipProbability == 0 && cropPadding == 0 && shiftPixels == 0 && rotateDegrees == 0 && brightness == 0 && contrast == 0;
    }

    /**
     * Augments the first {@code n} samples of {@code images} in place.
     *
     * @param images      a batch buffer {@code (n, C, H, W)} (at least {@code n × C × H × W} floats)
     * @param n           samples in the batch
     * @param sampleShape {@code (C, H, W)}
     * @param seed        the run's seed
     * @param epoch       the epoch
     * @param batchIndex  the batch's index within the epoch
     */
    public void apply(float[] images, int n, Shape sampleShape, long seed, int epoch, int batchIndex) {
        if (isIdentity() || n == 0) return;
        if (sampleShape.rank() != 3) throw new IllegalArgumentException("sample shape must be (C, H, W), got " + sampleShape);
        int c = sampleShape.dim(0), h = sampleShape.dim(1), w = sampleShape.dim(2);
        int size = c * h * w;
        if ((long) n * size > images.length) {
            throw new IllegalArgumentException(n + " samples of " + sampleShape + " need " + (long) n * size + " floats, buffer has " + images.length);
        }
        if (scratch.length < size) scratch = new float[size];
        Rng rng = Rng.derive(seed, epoch, batchIndex);
        for (int i = 0; i < n; i++) augmentOne(images, i * size, c, h, w, rng);
    }

    private void augmentOne(float[] img, int off, int c, int h, int w, Rng rng) {
        if (flipProbability > 0) {
            boolean flip = rng.nextDouble() < flipProbability;
            if (flip) ImageTransforms.flipHorizontal(img, off, c, h, w);
        }
        if (cropPadding > 0) {
            // Cropping a window at (oy, ox) of the padded image moves content by (p - oy, p - ox).
            int dy = cropPadding - rng.nextInt(2 * cropPadding + 1);
            int dx = cropPadding - rng.nextInt(2 * cropPadding + 1);
            ImageTransforms.translate(img, off, scratch, c, h, w, dy, dx);
        }
        if (shiftPixels > 0) {
            int dy = rng.nextInt(2 * shiftPixels + 1) - shiftPixels;
            int dx = rng.nextInt(2 * shiftPixels + 1) - shiftPixels;
            ImageTransforms.translate(img, off, scratch, c, h, w, dy, dx);
        }
        if (rotateDegrees > 0) {
            double angle = (2 * rng.nextDouble() - 1) * rotateDegrees;
            ImageTransforms.rotate(img, off, scratch, c, h, w, Math.toRadians(angle));
        }
        if (brightness > 0) {
            float f = (float) (1 + (2 * rng.nextDouble() - 1) * brightness);
            int size = c * h * w;
            for (int j = off; j < off + size; j++) img[j] = clamp01(img[j] * f);
        }
        if (contrast > 0) {
            float f = (float) (1 + (2 * rng.nextDouble() - 1) * contrast);
            int size = c * h * w;
            double sum = 0;
            for (int j = off; j < off + size; j++) sum += img[j];
            float mean = (float) (sum / size);
            for (int j = off; j < off + size; j++) img[j] = clamp01((img[j] - mean) * f + mean);
        }
    }

    private static float clamp01(float v) { return v < 0 ? 0 : (v > 1 ? 1 : v); }

    /** The canonical spec, e.g. {@code "flip=0.5,shift=2,rotate=10.0"}, or {@code "none"}. */
    /** A new instance with the same settings, for another thread (an instance keeps scratch space). */
    public Augmentation copy() {
        return parse(spec);
    }

    @Override public String toString() { return spec; }
}
