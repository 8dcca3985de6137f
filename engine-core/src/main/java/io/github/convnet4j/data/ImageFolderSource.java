package io.github.convnet4j.data;

import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.util.HeapBudget;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Reads a folder of images with one subfolder per class (torchvision's {@code ImageFolder}, Keras's
 * {@code image_dataset_from_directory}) into a {@link Dataset} of the model's input shape
 * {@code (C, H, W)}. Two layouts:
 * <ul>
 *   <li>{@code DIR/train/<class>/...} and {@code DIR/test/<class>/...} (or {@code val/}): a training
 *       and a test set; the classes are those of {@code train/}, and {@code test/} may hold no other;</li>
 *   <li>{@code DIR/<class>/...}: one set, which the caller splits (no test set).</li>
 * </ul>
 * Class names are the folder names, sorted (by code point, as {@link String#compareTo}); label k is
 * the k-th name. Samples are ordered by file name, then class (see {@code read}). Files are PNG, JPEG or BMP by extension, any size, grey or colour; each is converted
 * to C channels and fitted to H × W ({@link ImageFit}). Hidden entries (names starting with a dot)
 * are ignored. Every refusal is one {@link IOException} line naming the folder or file. A set too
 * large for the heap (or any, with {@link Loading#STREAM}) is not decoded here but streamed.
 */
public final class ImageFolderSource {
    /** Image files by extension, lower case. */
    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp");
    /** Most images one folder may list: bounds the file list before anything is decoded. */
    public static final int MAX_IMAGES = 20_000_000;

    /** Whether the decoded images are held in memory or decoded batch by batch as training needs them. */
    public enum Loading {
        /** In memory when the decoded pixels take at most half the free heap (faster), streamed otherwise. */
        AUTO,
        /** Always in memory (refused with one line when the heap cannot hold them). */
        MEMORY,
        /** Always streamed: only the file list is held ({@link Dataset#streamed}). */
        STREAM
    }

    /**
     * How images are read.
     *
     * @param sampleShape the model's input {@code (C, H, W)}, C = 1 or 3
     * @param fit         how a differently shaped image is fitted to H × W
     * @param skipBad     skip files that are not readable images (counted) instead of refusing the folder; a
     *                    streamed set finds them only when it decodes them, and drops them from their batch
     * @param threads     decoding threads (loader threads when streamed), at least 1; the result does not depend on it
     * @param loading     in memory, streamed, or chosen by size
     */
    public record Options(Shape sampleShape, ImageFit fit, boolean skipBad, int threads, Loading loading) {
        /** Options that choose between memory and streaming by size. */
        public Options(Shape sampleShape, ImageFit fit, boolean skipBad, int threads) {
            this(sampleShape, fit, skipBad, threads, Loading.AUTO);
        }

        public Options {
            if (sampleShape.rank() != 3 || (sampleShape.dim(0) != 1 && sampleShape.dim(0) != 3)) {
                throw new IllegalArgumentException("an image folder needs a model input of (1, H, W) or (3, H, W), got " + sampleShape);
            }
            if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            if (loading == null) throw new IllegalArgumentException("loading must be AUTO, MEMORY or STREAM, got null");
        }
    }

    /**
     * What was read.
     *
     * @param train   the training images (or all of them, for the one-folder layout)
     * @param test    the test images, or null for the one-folder layout
     * @param skipped files skipped under {@link Options#skipBad()}, as "path: reason" lines
     */
    public record Loaded(Dataset train, Dataset test, List<String> skipped) {}

    private ImageFolderSource() {}

    /**
     * Whether {@code dir} looks like an image folder: it has a {@code train/} subfolder, or its
     * subfolders hold image files. Reads directory listings only.
     */
    public static boolean looksLikeImageFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return false;
        if (Files.isDirectory(dir.resolve("train"))) return true;
        for (Path sub : subfolders(dir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(sub)) {
                for (Path f : files) if (isImageName(f)) return true;
            }
        }
        return false;
    }

    /** Reads {@code dir} in either layout (see the class comment). */
    public static Loaded load(Path dir, Options options) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException(dir + ": not a directory");
        Path train = dir.resolve("train");
        if (Files.isDirectory(train)) {
            Path test = Files.isDirectory(dir.resolve("test")) ? dir.resolve("test") : dir.resolve("val");
            if (!Files.isDirectory(test)) {
                throw new IOException(dir + ": has train/ but no test/ or val/ folder beside it; add one, or pass " + train
                        + " itself with a validation split");
            }
            List<String> classes = names(subfolders(train));
            if (classes.isEmpty()) throw new IOException(train + ": no class folders in it");
            List<String> skipped = new ArrayList<>();
            Dataset trainSet = read(train, classes, false, options, skipped);
            Dataset testSet = read(test, classes, true, options, skipped);
            return new Loaded(trainSet, testSet, List.copyOf(skipped));
        }
        List<String> classes = names(subfolders(dir));
        if (classes.isEmpty()) throw new IOException(dir + ": no class folders in it (expected DIR/<class>/*.png or DIR/train and DIR/test)");
        List<String> skipped = new ArrayList<>();
        Dataset all = read(dir, classes, false, options, skipped);
        return new Loaded(all, null, List.copyOf(skipped));
    }

    /**
     * Reads {@code root}'s class folders; labels follow {@code classes}. A test folder may lack a class
     * but may not add one.
     */
    private static Dataset read(Path root, List<String> classes, boolean isTest, Options options, List<String> skipped) throws IOException {
        List<String> present = names(subfolders(root));
        for (String name : present) {
            if (!classes.contains(name)) {
                throw new IOException(root.resolve(name) + ": class '" + name + "' is not among the training classes " + classes);
            }
        }
        List<Labelled> found = new ArrayList<>();
        for (int k = 0; k < classes.size(); k++) {
            Path folder = root.resolve(classes.get(k));
            if (isTest && !Files.isDirectory(folder)) continue;
            List<Path> images = imageFiles(folder, options.skipBad(), skipped);
            if (images.isEmpty()) throw new IOException(folder + ": empty class folder (no PNG, JPEG or BMP images)");
            if (found.size() + images.size() > MAX_IMAGES) throw new IOException(root + ": more than " + MAX_IMAGES + " images");
            for (Path p : images) found.add(new Labelled(p.getFileName().toString(), k, p));
        }
        if (found.isEmpty()) throw new IOException(root + ": no images in its class folders");
        // Samples in file-name order, then class: a folder written from an indexed dataset as
        // <class>/<zero-padded index>.png keeps that dataset's order, so a seed shuffles it the same way.
        found.sort(Comparator.comparing(Labelled::name).thenComparingInt(Labelled::label));
        List<Path> files = new ArrayList<>(found.size());
        List<Integer> labels = new ArrayList<>(found.size());
        for (Labelled l : found) {
            files.add(l.file());
            labels.add(l.label());
        }
        int[] lab = labels.stream().mapToInt(Integer::intValue).toArray();
        if (streams(files.size(), options)) {
            ImageFiles streamed = new ImageFiles(files, options.sampleShape(), options.fit(), options.skipBad(), options.threads());
            return Dataset.streamed(streamed, lab, options.sampleShape(), classes.size(), classes);
        }
        return ImageFolderDecoder.decode(files, labels, classes, options, skipped);
    }

    /** Whether {@code n} images are streamed: asked for, or (AUTO) their decoded bytes exceed half the free heap. */
    private static boolean streams(int n, Options options) {
        return switch (options.loading()) {
            case STREAM -> true;
            case MEMORY -> false;
            case AUTO -> !HeapBudget.fits(2 * n * options.sampleShape().size());
        };
    }

    private record Labelled(String name, int label, Path file) {}

    /** The image files of one class folder, sorted by name; anything else is refused or, with skipBad, skipped. */
    private static List<Path> imageFiles(Path folder, boolean skipBad, List<String> skipped) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path f : sortedEntries(folder)) {
            String problem = null;
            if (Files.isDirectory(f)) problem = "a folder inside a class folder (classes are one level deep)";
            else if (!Files.isRegularFile(f)) problem = "not a regular file";
            else if (!isImageName(f)) problem = "not a PNG, JPEG or BMP file (by its extension)";
            if (problem == null) {
                out.add(f);
            } else if (skipBad) {
                skipped.add(f + ": " + problem);
            } else {
                throw new IOException(f + ": " + problem + "; move it out or pass --skip-bad");
            }
        }
        return out;
    }

    private static List<Path> subfolders(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : sortedEntries(dir)) if (Files.isDirectory(p)) out.add(p);
        return out;
    }

    /** Entries of {@code dir} without hidden ones, sorted by name. */
    private static List<Path> sortedEntries(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (p.getFileName().toString().startsWith(".")) continue;
                out.add(p);
                if (out.size() > MAX_IMAGES) throw new IOException(dir + ": more than " + MAX_IMAGES + " entries");
            }
        }
        out.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return out;
    }

    private static List<String> names(List<Path> paths) {
        List<String> out = new ArrayList<>();
        for (Path p : paths) out.add(p.getFileName().toString());
        return out;
    }

    private static boolean isImageName(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String ext : EXTENSIONS) if (n.endsWith(ext)) return true;
        return false;
    }
}
