package io.github.convnet4j.data;

import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.util.HeapBudget;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.SampleModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Loads a PNG or JPEG (anything {@code javax.imageio} reads) as a network input {@code (C, H, W)}
 * with values in [0, 1]: C = 1 converts to grey (luma 0.299 R + 0.587 G + 0.114 B), C = 3 keeps RGB;
 * the image is resized to H × W with {@link Resampler bilinear} filtering; transparent pixels are
 * composited over white. {@code invert} maps v to 1 - v, for drawings of dark ink on a light
 * background fed to a network trained on MNIST-style light-on-dark images.
 */
public final class ImageLoader {
    /** Largest source image accepted, in pixels: decoding allocates W × H ints, so bound it first. */
    public static final long MAX_PIXELS = 64L * 1024 * 1024;

    private ImageLoader() {}

    /**
     * Loads {@code file} as a {@code (C, H, W)} float array for {@code sampleShape} = (C, H, W).
     *
     * @throws IOException naming the file, when it is not a readable image or too large
     */
    public static float[] load(Path file, Shape sampleShape, boolean invert) throws IOException {
        String name = String.valueOf(file.getFileName());
        if (!Files.isRegularFile(file)) throw new IOException(name + ": no such file");
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, name, sampleShape, invert);
        }
    }

    /** Like {@link #load(Path, Shape, boolean)} for a stream; {@code name} is used in error messages. */
    public static float[] load(InputStream in, String name, Shape sampleShape, boolean invert) throws IOException {
        if (sampleShape.rank() != 3 || (sampleShape.dim(0) != 1 && sampleShape.dim(0) != 3)) {
            throw new IllegalArgumentException("image input shape must be (1, H, W) or (3, H, W), got " + sampleShape);
        }
        BufferedImage image = decode(in, name);
        return toTensor(image, sampleShape.dim(0), sampleShape.dim(1), sampleShape.dim(2), invert);
    }

    static BufferedImage decode(InputStream in, String name) throws IOException {
        String notAnImage = name + ": not a readable PNG/JPEG image";
        // In memory: ImageIO's default for a stream is a temporary cache file per image, several times slower.
        try (ImageInputStream iis = new MemoryCacheImageInputStream(in)) {
            if (iis == null) throw new IOException(notAnImage);
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) throw new IOException(notAnImage);
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, true);
                // A truncated or damaged JPEG decodes with warnings into a partly grey picture: refuse it instead.
                String[] damage = new String[1];
                reader.addIIOReadWarningListener((source, warning) -> { if (damage[0] == null) damage[0] = warning; });
                long w = reader.getWidth(0), h = reader.getHeight(0);
                if (w <= 0 || h <= 0 || w * h > MAX_PIXELS) {
                    throw new IOException(name + ": image of " + w + " x " + h + " pixels is empty or larger than the limit of " + MAX_PIXELS + " pixels");
                }
                BufferedImage image = reader.read(0, subsampled(reader, w, h, name));
                if (image == null) throw new IOException(notAnImage);
                if (damage[0] != null) throw new IOException(name + ": damaged image (" + damage[0] + ")");
                return image;
            } catch (IOException e) {
                if (e.getMessage() != null && e.getMessage().startsWith(name + ":")) throw e;
                throw new IOException(notAnImage + " (" + e.getMessage() + ")", e);
            } catch (RuntimeException e) {
                // Some decoders throw unchecked exceptions on corrupt input.
                throw new IOException(notAnImage + " (" + e + ")", e);
            } finally {
                reader.dispose();
            }
        }
    }

    /**
     * Decoding parameters that keep the decoded image within the free heap: every {@code n}-th
     * pixel of every {@code n}-th row when the full image would not fit (an 8192 × 8192 RGB PNG is
     * 256 MB decoded), else the whole image.
     */
    private static ImageReadParam subsampled(ImageReader reader, long w, long h, String name) {
        ImageReadParam param = reader.getDefaultReadParam();
        long perPixel = 4;
        try {
            ImageTypeSpecifier type = reader.getRawImageType(0);
            if (type != null) {
                SampleModel sm = type.getSampleModel(1, 1);
                perPixel = Math.max(1, (long) sm.getNumDataElements() * DataBuffer.getDataTypeSize(sm.getDataType()) / 8);
            }
        } catch (RuntimeException | IOException e) {
            // Unknown layout: assume 4 bytes per pixel.
        }
        long need = w * h * perPixel * 2; // the decoded image, plus what the decoder holds meanwhile
        if (HeapBudget.fits(need)) return param;
        long free = Math.max(1, HeapBudget.available());
        int n = (int) Math.ceil(Math.sqrt((double) need / free));
        if (n > Math.min(w, h)) HeapBudget.require(need, "decoding " + name + " (" + w + " x " + h + " pixels)", "use a smaller image");
        param.setSourceSubsampling(n, n, 0, 0);
        return param;
    }

    /**
     * Converts to (C, H, W) in [0, 1], resizing each channel plane. Works a row at a time: only the
     * rows already resized to width W are kept (C × H_in × W floats), never a float copy of the
     * whole source image, so a large photo costs little more than its decoded pixels.
     */
    static float[] toTensor(BufferedImage image, int c, int h, int w, boolean invert) {
        int iw = image.getWidth(), ih = image.getHeight();
        ColorModel cm = image.getColorModel();
        boolean gray = cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(cm instanceof IndexColorModel);
        Resampler.Weights wx = iw == w ? null : Resampler.weights(iw, w);
        float[][] row = new float[c][iw];
        float[][] narrow = new float[c][Math.multiplyExact(ih, w)];
        int[] argb = gray ? null : new int[iw];
        for (int y = 0; y < ih; y++) {
            if (gray) readGrayRow(image, y, row);
            else readRgbRow(image, y, argb, row);
            for (int ch = 0; ch < c; ch++) {
                if (wx == null) System.arraycopy(row[ch], 0, narrow[ch], y * w, w);
                else Resampler.horizontal(row[ch], 0, wx, narrow[ch], y * w);
            }
        }
        Resampler.Weights wy = ih == h ? null : Resampler.weights(ih, h);
        float[] out = new float[c * h * w];
        float[] plane = new float[h * w];
        for (int ch = 0; ch < c; ch++) {
            if (wy == null) System.arraycopy(narrow[ch], 0, plane, 0, h * w);
            else Resampler.vertical(narrow[ch], w, wy, plane);
            for (int i = 0; i < h * w; i++) {
                float v = Math.min(1f, Math.max(0f, plane[i]));
                out[ch * h * w + i] = invert ? 1f - v : v;
            }
        }
        return out;
    }

    /**
     * Grey images are read from the raster: {@code getRGB} would pass them through a linear-to-sRGB
     * conversion and turn grey 128 into 188.
     */
    private static void readGrayRow(BufferedImage image, int y, float[][] planes) {
        int iw = image.getWidth();
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        float grayMax = (1 << cm.getComponentSize(0)) - 1;
        boolean alpha = cm.hasAlpha() && raster.getNumBands() > 1;
        float alphaMax = alpha ? (1 << cm.getComponentSize(1)) - 1 : 1;
        int[] grey = raster.getSamples(0, y, iw, 1, 0, (int[]) null);
        int[] alphas = alpha ? raster.getSamples(0, y, iw, 1, 1, (int[]) null) : null;
        for (int x = 0; x < iw; x++) {
            float v = grey[x] / grayMax;
            if (alpha) {
                float a = alphas[x] / alphaMax;
                v = v * a + (1 - a);
            }
            for (float[] plane : planes) plane[x] = v;
        }
    }

    private static void readRgbRow(BufferedImage image, int y, int[] argb, float[][] planes) {
        int iw = image.getWidth();
        image.getRGB(0, y, iw, 1, argb, 0, iw);
        for (int i = 0; i < iw; i++) {
            int p = argb[i];
            float a = ((p >>> 24) & 0xFF) / 255f;
            // Composite over white: a transparent background reads as paper.
            float r = ((p >>> 16) & 0xFF) / 255f * a + (1 - a);
            float g = ((p >>> 8) & 0xFF) / 255f * a + (1 - a);
            float b = (p & 0xFF) / 255f * a + (1 - a);
            if (planes.length == 1) {
                planes[0][i] = 0.299f * r + 0.587f * g + 0.114f * b;
            } else {
                planes[0][i] = r;
                planes[1][i] = g;
                planes[2][i] = b;
            }
        }
    }
}
