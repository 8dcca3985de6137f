package io.github.convnet4j.data;

import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * How an image whose shape differs from the model's H × W is fitted to it. Both resize with the
 * same antialiased bilinear filter ({@link Resampler}); an image already H × W is used as it is.
 */
public enum ImageFit {
    /** Resize the whole image to H × W, changing its aspect ratio if need be (Keras's default). */
    STRETCH,
    /** Cut the largest centred region with the aspect ratio W : H, then resize it to H × W (nothing is distorted, the edges are lost). */
    CROP;

    /** {@code stretch} or {@code crop}, any case. */
    public static ImageFit parse(String text) {
        for (ImageFit f : values()) if (f.name().equalsIgnoreCase(text)) return f;
        throw new IllegalArgumentException("resize must be stretch or crop, got '" + text + "'");
    }

    /** The lower-case name used on the command line. */
    public String text() { return name().toLowerCase(Locale.ROOT); }

    /** The region of {@code image} to resize to {@code h × w}: all of it, or its centred crop (a view, not a copy). */
    BufferedImage region(BufferedImage image, int h, int w) {
        int iw = image.getWidth(), ih = image.getHeight();
        if (this == STRETCH || (long) iw * h == (long) ih * w) return image;
        int cw = iw, ch = ih;
        if ((long) iw * h > (long) ih * w) cw = (int) Math.max(1, Math.round((double) ih * w / h)); // too wide
        else ch = (int) Math.max(1, Math.round((double) iw * h / w));                               // too tall
        return image.getSubimage((iw - cw) / 2, (ih - ch) / 2, cw, ch);
    }
}
