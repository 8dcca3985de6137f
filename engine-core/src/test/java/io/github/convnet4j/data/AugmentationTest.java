package io.github.convnet4j.data;

import io.github.convnet4j.tensor.Shape;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Augmentation specs and their effect. Mutants left alive on purpose (mutation testing): {@code eq < 0}
 * as {@code eq <= 0} in {@code parse} (an item starting with '=' is unknown either way, named as written).
 */
class AugmentationTest {
    /** A 2-channel 3x4 image with distinct values 1..24, so any misplaced pixel is visible. */
    private static float[] image() {
        float[] a = new float[24];
        for (int i = 0; i < a.length; i++) a[i] = i + 1;
        return a;
    }

    @Test
    void flipMirrorsEachRowOfEachChannel() {
        float[] img = image();
        ImageTransforms.flipHorizontal(img, 0, 2, 3, 4);
        assertArrayEquals(new float[]{
                4, 3, 2, 1, 8, 7, 6, 5, 12, 11, 10, 9,
                16, 15, 14, 13, 20, 19, 18, 17, 24, 23, 22, 21}, img);
        float[] odd = {1, 2, 3, 4, 5, 6}; // width 3: middle column stays
        ImageTransforms.flipHorizontal(odd, 0, 1, 2, 3);
        assertArrayEquals(new float[]{3, 2, 1, 6, 5, 4}, odd);
    }

    @Test
    void translateMovesContentAndFillsWithZero() {
        float[] img = image();
        ImageTransforms.translate(img, 0, new float[24], 2, 3, 4, 1, -1); // down 1, left 1
        assertArrayEquals(new float[]{
                0, 0, 0, 0, 2, 3, 4, 0, 6, 7, 8, 0,
                0, 0, 0, 0, 14, 15, 16, 0, 18, 19, 20, 0}, img);
        float[] gone = image();
        ImageTransforms.translate(gone, 0, new float[24], 2, 3, 4, 0, 4); // shifted entirely out
        assertArrayEquals(new float[24], gone);
    }

    @Test
    void transformsTouchOnlyTheirSample() {
        float[] buf = new float[30];
        Arrays.fill(buf, 9f);
        System.arraycopy(image(), 0, buf, 3, 24);
        ImageTransforms.translate(buf, 3, new float[24], 2, 3, 4, -1, 2);
        ImageTransforms.rotate(buf, 3, new float[24], 2, 3, 4, 0.3);
        ImageTransforms.flipHorizontal(buf, 3, 2, 3, 4);
        for (int i : new int[]{0, 1, 2, 27, 28, 29}) assertEquals(9f, buf[i], "index " + i);
    }

    @Test
    void rotateQuarterTurnOnASquareIsAPermutation() {
        float[] img = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        ImageTransforms.rotate(img, 0, new float[9], 1, 3, 3, Math.PI / 2);
        // Counter-clockwise as displayed: the right column becomes the top row.
        float[] expected = {3, 6, 9, 2, 5, 8, 1, 4, 7};
        for (int i = 0; i < 9; i++) assertEquals(expected[i], img[i], 1e-5, "pixel " + i);
    }

    @Test
    void rotateIsBilinear() {
        // 30° on a 3x3 whose only non-zero pixel is (1, 2), checked at one output pixel by hand.
        float[] img = {0, 0, 0, 0, 0, 1, 0, 0, 0};
        double t = Math.toRadians(30);
        ImageTransforms.rotate(img, 0, new float[9], 1, 3, 3, t);
        // Output (y=0, x=1): rx=0, ry=-1 -> source x = 1 + sin t = 1.5, y = 1 - cos t = 0.134.
        // Only source (1, 2) is non-zero; its bilinear weight is fx * fy = 0.5 * 0.134.
        assertEquals(0.5 * (1 - Math.cos(t)), img[1], 1e-6);
    }

    @Test
    void deterministicPerSeedEpochAndBatchAndShapePreserving() {
        Augmentation aug = Augmentation.parse("flip,shift=2,rotate=15,brightness=0.2,contrast=0.3");
        Shape s = Shape.of(1, 8, 8);
        float[] base = new float[5 * 64 + 7];
        for (int i = 0; i < 5 * 64; i++) base[i] = (i * 37 % 101) / 100f;
        Arrays.fill(base, 5 * 64, base.length, -3f); // past the batch: must stay untouched

        float[] a = base.clone(), b = base.clone(), c = base.clone(), d = base.clone();
        aug.apply(a, 5, s, 11, 2, 3);
        Augmentation.parse("flip,shift=2,rotate=15,brightness=0.2,contrast=0.3").apply(b, 5, s, 11, 2, 3);
        aug.apply(c, 5, s, 11, 2, 4);
        aug.apply(d, 5, s, 11, 3, 3);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c), "another batch, other draws");
        assertFalse(Arrays.equals(a, d), "another epoch, other draws");
        assertFalse(Arrays.equals(a, base));
        for (int i = 0; i < 5 * 64; i++) assertTrue(a[i] >= 0 && a[i] <= 1, "in [0, 1] at " + i);
        for (int i = 5 * 64; i < base.length; i++) assertEquals(-3f, a[i]);
    }

    @Test
    void shiftOnlyProducesExactTranslationsWithinRange() {
        Augmentation aug = Augmentation.parse("shift=1");
        Shape s = Shape.of(1, 3, 4);
        float[] one = new float[12];
        for (int i = 0; i < 12; i++) one[i] = i + 1;
        int n = 40;
        float[] batch = new float[n * 12];
        for (int i = 0; i < n; i++) System.arraycopy(one, 0, batch, i * 12, 12);
        aug.apply(batch, n, s, 5, 0, 0);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            float[] got = Arrays.copyOfRange(batch, i * 12, i * 12 + 12);
            String match = null;
            for (int dy = -1; dy <= 1 && match == null; dy++) {
                for (int dx = -1; dx <= 1 && match == null; dx++) {
                    float[] want = one.clone();
                    ImageTransforms.translate(want, 0, new float[12], 1, 3, 4, dy, dx);
                    if (Arrays.equals(want, got)) match = dy + "," + dx;
                }
            }
            assertNotNull(match, "sample " + i + " is not a translation by at most 1: " + Arrays.toString(got));
            seen.add(match);
        }
        assertTrue(seen.size() >= 5, "40 samples should see most of the 9 offsets, saw " + seen);
    }

    @Test
    void flipWithProbabilityOneAlwaysFlips() {
        float[] img = image();
        Augmentation.parse("flip=1").apply(img, 1, Shape.of(2, 3, 4), 1, 0, 0);
        float[] want = image();
        ImageTransforms.flipHorizontal(want, 0, 2, 3, 4);
        assertArrayEquals(want, img);
    }

    @Test
    void specParsing() {
        assertTrue(Augmentation.parse("").isIdentity());
        assertTrue(Augmentation.parse("none").isIdentity());
        assertEquals("flip=0.5,shift=2,rotate=10.0", Augmentation.parse(" flip , shift=2,rotate=10").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("flip,blur=3"));
        assertEquals("unknown augmentation 'blur=3' in \"flip,blur=3\" (known: flip[=P], crop=PAD, shift=PIXELS, rotate=DEGREES, brightness=A, contrast=A)", e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("shift")).getMessage().contains("needs a value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("shift=1.5")).getMessage().contains("expected an integer"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("rotate=400")).getMessage().contains("outside [0, 180]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("flip,flip")).getMessage().contains("twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("flip,,shift=1")).getMessage().contains("empty item"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("brightness=NaN")).getMessage().contains("outside"));
    }
}
