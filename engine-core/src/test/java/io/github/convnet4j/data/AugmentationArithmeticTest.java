package io.github.convnet4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.util.Rng;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link Augmentation} value for value, from its documented contract: batch {@code b} of epoch
 * {@code e} draws from {@code Rng.derive(seed, e, b)}, each sample draws one number per listed
 * operation (two for crop and shift) in the listed order, brightness multiplies by
 * {@code 1 + (2u - 1) A}, contrast scales the distance from the sample's mean by the same form, both
 * clamp to [0, 1]. ({@link AugmentationTest} covers the transforms themselves and determinism.)
 */
class AugmentationArithmeticTest {
    private static final long SEED = 74;
    private static final int EPOCH = 3, BATCH = 5;

    /** Two samples of (2, 3, 4) with distinct values in (0, 1). */
    private static float[] batch() {
        float[] a = new float[48];
        for (int i = 0; i < a.length; i++) a[i] = (i * 7 % 48 + 1) / 50f;
        return a;
    }

    private static float clamp01(float v) { return Math.min(1f, Math.max(0f, v)); }

    private static float factor(double u, double amount) { return (float) (1 + (2 * u - 1) * amount); }

    @Test void brightnessMultipliesEachSampleByItsOwnDrawnFactorAndClamps() {
        float[] img = batch();
        float[] want = batch();
        Augmentation.parse("brightness=0.6").apply(img, 2, Shape.of(2, 3, 4), SEED, EPOCH, BATCH);
        Rng rng = Rng.derive(SEED, EPOCH, BATCH);
        boolean clamped = false;
        for (int s = 0; s < 2; s++) {
            float f = factor(rng.nextDouble(), 0.6);
            for (int j = s * 24; j < s * 24 + 24; j++) {
                clamped |= want[j] * f > 1;
                want[j] = clamp01(want[j] * f);
            }
        }
        assertArrayEquals(want, img);
        assertTrue(clamped, "this seed must push some pixel past 1, so the clamp is exercised");
    }

    @Test void contrastScalesTheDistanceFromTheSampleMeanAndClamps() {
        float[] img = batch();
        float[] want = batch();
        Augmentation.parse("contrast=0.9").apply(img, 2, Shape.of(2, 3, 4), SEED, EPOCH, BATCH);
        Rng rng = Rng.derive(SEED, EPOCH, BATCH);
        for (int s = 0; s < 2; s++) {
            float f = factor(rng.nextDouble(), 0.9);
            double sum = 0;
            for (int j = s * 24; j < s * 24 + 24; j++) sum += want[j];
            float mean = (float) (sum / 24);
            for (int j = s * 24; j < s * 24 + 24; j++) want[j] = clamp01((want[j] - mean) * f + mean);
        }
        assertArrayEquals(want, img);
    }

    @Test void contrastByHandOnAConstantFreeSample() {
        // One sample {0.25, 0.75}: mean 0.5, so the result is 0.5 -+ 0.25 f with f from the first draw.
        float[] img = {0.25f, 0.75f};
        Augmentation.parse("contrast=1").apply(img, 1, Shape.of(1, 1, 2), SEED, 0, 0);
        float f = factor(Rng.derive(SEED, 0, 0).nextDouble(), 1);
        assertEquals(clamp01(0.5f - 0.25f * f), img[0]);
        assertEquals(clamp01(0.5f + 0.25f * f), img[1]);
        assertEquals(1f, img[0] + img[1], 1e-6f, "the mean is kept when nothing clamps");
    }

    @Test void rotateTurnsEachSampleByItsDrawnAngle() {
        float[] img = batch();
        float[] want = batch();
        Augmentation.parse("rotate=40").apply(img, 2, Shape.of(2, 3, 4), SEED, EPOCH, BATCH);
        Rng rng = Rng.derive(SEED, EPOCH, BATCH);
        float[] scratch = new float[24];
        for (int s = 0; s < 2; s++) {
            double degrees = (2 * rng.nextDouble() - 1) * 40;
            assertTrue(Math.abs(degrees) <= 40);
            ImageTransforms.rotate(want, s * 24, scratch, 2, 3, 4, Math.toRadians(degrees));
        }
        assertArrayEquals(want, img);
        assertTrue(!Arrays.equals(batch(), img), "rotated");
    }

    @Test void everyOperationInTheListedOrderWithItsDraws() {
        String spec = "flip=0.5,crop=2,shift=2,rotate=30,brightness=0.2,contrast=0.3";
        Shape shape = Shape.of(2, 3, 4);
        float[] img = batch();
        float[] want = batch();
        Augmentation.parse(spec).apply(img, 2, shape, SEED, EPOCH, BATCH);
        Rng rng = Rng.derive(SEED, EPOCH, BATCH);
        float[] scratch = new float[24];
        for (int s = 0; s < 2; s++) {
            int off = s * 24;
            if (rng.nextDouble() < 0.5) ImageTransforms.flipHorizontal(want, off, 2, 3, 4);
            int oy = rng.nextInt(5), ox = rng.nextInt(5);          // crop window origin in the image padded by 2
            ImageTransforms.translate(want, off, scratch, 2, 3, 4, 2 - oy, 2 - ox);
            int dy = rng.nextInt(5) - 2, dx = rng.nextInt(5) - 2;  // shift in [-2, 2]
            ImageTransforms.translate(want, off, scratch, 2, 3, 4, dy, dx);
            ImageTransforms.rotate(want, off, scratch, 2, 3, 4, Math.toRadians((2 * rng.nextDouble() - 1) * 30));
            float b = factor(rng.nextDouble(), 0.2);
            for (int j = off; j < off + 24; j++) want[j] = clamp01(want[j] * b);
            float c = factor(rng.nextDouble(), 0.3);
            double sum = 0;
            for (int j = off; j < off + 24; j++) sum += want[j];
            float mean = (float) (sum / 24);
            for (int j = off; j < off + 24; j++) want[j] = clamp01((want[j] - mean) * c + mean);
        }
        assertArrayEquals(want, img);
    }

    @Test void theBatchBufferIsCheckedAndAnEmptyBatchIsLeftAlone() {
        Augmentation aug = Augmentation.parse("brightness=0.5");
        float[] small = new float[47];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> aug.apply(small, 2, Shape.of(2, 3, 4), 1, 0, 0));
        assertEquals("2 samples of (2, 3, 4) need 48 floats, buffer has 47", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> aug.apply(new float[24], 1, Shape.of(24), 1, 0, 0));
        assertEquals("sample shape must be (C, H, W), got (24,)", e.getMessage());
        float[] untouched = batch();
        aug.apply(untouched, 0, Shape.of(2, 3, 4), 1, 0, 0);
        assertArrayEquals(batch(), untouched);
        aug.apply(untouched, 0, Shape.of(24), 1, 0, 0);  // nothing to augment, so no shape to check
        assertArrayEquals(batch(), untouched);
        float[] exact = batch();
        aug.apply(exact, 2, Shape.of(2, 3, 4), 1, 0, 0);  // exactly 48 floats: accepted
        assertTrue(!Arrays.equals(batch(), exact));
    }

    @Test void specItemsAtTheirLimits() {
        assertEquals("flip=1.0,crop=1024,shift=0,rotate=180.0,brightness=1.0,contrast=0.0",
                Augmentation.parse("flip=1,crop=1024,shift=0,rotate=180,brightness=1,contrast=0").toString());
        assertTrue(Augmentation.parse("flip=0,shift=0,crop=0,rotate=0,brightness=0,contrast=0").isIdentity());
        for (String bad : new String[] {"crop=1025", "shift=-1", "rotate=180.5", "brightness=1.01", "contrast=-0.1", "flip=1.5"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Augmentation.parse(bad), bad);
            assertTrue(e.getMessage().contains("is outside ["), e.getMessage());
        }
        assertEquals("augmentation 'crop=1025' is outside [0, 1024] in \"crop=1025\"",
                assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("crop=1025")).getMessage());
        assertEquals("augmentation 'flip=1.5' is outside [0, 1] in \"flip=1.5\"",
                assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("flip=1.5")).getMessage());
        assertEquals("augmentation 'rotate' has a bad value 'x' in \"rotate=x\" (expected a number)",
                assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("rotate=x")).getMessage());
        assertEquals("none", Augmentation.none().toString());
        assertTrue(Augmentation.parse(null).isIdentity());
        assertEquals("augmentation 'shift' needs a value, e.g. shift=2, in \"shift=\"",
                assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("shift=")).getMessage());
        assertEquals("flip=0.5", Augmentation.parse("FLIP").toString(), "keys are case-insensitive");
    }
}
