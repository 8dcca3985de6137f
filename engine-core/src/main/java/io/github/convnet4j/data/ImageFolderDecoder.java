package io.github.convnet4j.data;

import io.github.convnet4j.io.InputFiles;
import io.github.convnet4j.util.HeapBudget;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decodes the files an {@link ImageFolderSource} listed into one byte-per-value {@code (N, C, H, W)}
 * array on a few threads. Each image lands at its own index, so the result does not depend on the
 * number of threads or the order they finish in; a bad file is reported by its place in the
 * listing, the first one in order, never the first one a thread happened to reach.
 */
final class ImageFolderDecoder {
    /** Largest image file read, in bytes: far above any photo, far below the heap. */
    static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

    private ImageFolderDecoder() {}

    static Dataset decode(List<Path> files, List<Integer> labels, List<String> classes,
                          ImageFolderSource.Options options, List<String> skipped) throws IOException {
        int n = files.size();
        int c = options.sampleShape().dim(0), h = options.sampleShape().dim(1), w = options.sampleShape().dim(2);
        int s = c * h * w;
        long total = (long) n * s;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IOException(files.get(0).getParent().getParent() + ": " + n + " images of " + options.sampleShape()
                    + " are " + total + " bytes, more than one in-memory array holds");
        }
        HeapBudget.require(total, "decoding " + n + " images of " + options.sampleShape() + " into memory", "pass --stream to read them batch by batch");
        byte[] pixels = new byte[(int) total];
        String[] errors = new String[n];
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                try {
                    decodeInto(files.get(i), options.fit(), c, h, w, pixels, i * s);
                } catch (IOException e) {
                    errors[i] = e.getMessage();
                }
            }
        };
        runOn(Math.min(options.threads(), n), worker);

        int kept = 0;
        int[] lab = new int[n];
        for (int i = 0; i < n; i++) {
            if (errors[i] != null) {
                if (!options.skipBad()) throw new IOException(errors[i] + "; pass --skip-bad to skip such files");
                skipped.add(errors[i]);
                continue;
            }
            if (kept != i) System.arraycopy(pixels, i * s, pixels, kept * s, s);
            lab[kept++] = labels.get(i);
        }
        if (kept == 0) throw new IOException(files.get(0).getParent().getParent() + ": none of its " + n + " images could be read");
        byte[] px = kept == n ? pixels : java.util.Arrays.copyOf(pixels, kept * s);
        return Dataset.ofUnsignedBytes(px, java.util.Arrays.copyOf(lab, kept), options.sampleShape(), classes.size(), classes);
    }

    /** Decodes one file, fits it to h × w and writes its C × H × W values as bytes ({@code round(255 v)}). */
    static void decodeInto(Path file, ImageFit fit, int c, int h, int w, byte[] dst, int offset) throws IOException {
        // Read whole and bounded: a FIFO or a link to /dev/zero is refused, a growing file stops at the cap.
        byte[] encoded = InputFiles.readBounded(file, MAX_FILE_BYTES, "an image");
        BufferedImage image = ImageLoader.decode(new ByteArrayInputStream(encoded), file.toString());
        float[] v = ImageLoader.toTensor(fit.region(image, h, w), c, h, w, false);
        for (int i = 0; i < v.length; i++) dst[offset + i] = (byte) Math.round(v[i] * 255f);
    }

    private static void runOn(int threads, Runnable worker) throws IOException {
        if (threads <= 1) {
            worker.run();
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "convnet-image-decoder");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<?>[] running = new Future<?>[threads];
            for (int t = 0; t < threads; t++) running[t] = pool.submit(worker);
            for (Future<?> f : running) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while decoding images", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error err) throw err;
            throw new IOException("decoding images: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
