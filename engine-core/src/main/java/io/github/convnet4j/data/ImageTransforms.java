package io.github.convnet4j.data;

import java.util.Arrays;

/**
 * In-place geometric transforms of one {@code (C, H, W)} image stored at {@code img[off ...]},
 * the building blocks of {@link Augmentation}. {@code scratch} holds at least {@code C × H × W} floats.
 */
final class ImageTransforms {
    private ImageTransforms() {}

    /** Mirrors every row: pixel (y, x) takes the value of (y, W-1-x). */
    static void flipHorizontal(float[] img, int off, int c, int h, int w) {
        for (int row = 0; row < c * h; row++) {
            int base = off + row * w;
            for (int x = 0, y = w - 1; x < y; x++, y--) {
                float t = img[base + x];
                img[base + x] = img[base + y];
                img[base + y] = t;
            }
        }
    }

    /** Moves content down by {@code dy} and right by {@code dx}: out(y, x) = in(y - dy, x - dx), zero outside. */
    static void translate(float[] img, int off, float[] scratch, int c, int h, int w, int dy, int dx) {
        if (dy == 0 && dx == 0) return;
        int size = c * h * w;
        System.arraycopy(img, off, scratch, 0, size);
        Arrays.fill(img, off, off + size, 0f);
        int x0 = Math.max(0, dx), x1 = Math.min(w, w + dx);
        if (x0 >= x1) return;
        for (int ch = 0; ch < c; ch++) {
            for (int y = Math.max(0, dy); y < Math.min(h, h + dy); y++) {
                System.arraycopy(scratch, (ch * h + y - dy) * w + x0 - dx, img, off + (ch * h + y) * w + x0, x1 - x0);
            }
        }
    }

    /**
     * Rotates counter-clockwise (as displayed, y pointing down) by {@code radians} about the centre
     * ((H-1)/2, (W-1)/2), sampling the source bilinearly; pixels whose source falls outside are zero.
     */
    static void rotate(float[] img, int off, float[] scratch, int c, int h, int w, double radians) {
        if (radians == 0) return;
        int size = c * h * w;
        System.arraycopy(img, off, scratch, 0, size);
        double cos = Math.cos(radians), sin = Math.sin(radians);
        double cy = (h - 1) / 2.0, cx = (w - 1) / 2.0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // Inverse map: which source point lands on (y, x).
                double rx = x - cx, ry = y - cy;
                double sx = cos * rx - sin * ry + cx;
                double sy = sin * rx + cos * ry + cy;
                int x0 = (int) Math.floor(sx), y0 = (int) Math.floor(sy);
                double fx = sx - x0, fy = sy - y0;
                for (int ch = 0; ch < c; ch++) {
                    int plane = ch * h * w;
                    double v = (1 - fy) * ((1 - fx) * at(scratch, plane, h, w, y0, x0) + fx * at(scratch, plane, h, w, y0, x0 + 1))
                            + fy * ((1 - fx) * at(scratch, plane, h, w, y0 + 1, x0) + fx * at(scratch, plane, h, w, y0 + 1, x0 + 1));
                    img[off + plane + y * w + x] = (float) v;
                }
            }
        }
    }

    private static float at(float[] src, int plane, int h, int w, int y, int x) {
        return y < 0 || y >= h || x < 0 || x >= w ? 0f : src[plane + y * w + x];
    }
}
