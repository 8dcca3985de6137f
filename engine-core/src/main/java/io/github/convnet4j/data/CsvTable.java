package io.github.convnet4j.data;

import io.github.convnet4j.io.InputFiles;
import io.github.convnet4j.util.HeapBudget;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One CSV file parsed into a label per row and {@code rows × F} numeric features: comma-separated,
 * UTF-8, an optional header line, fields optionally in double quotes (without commas inside), blank
 * lines ignored. Every refusal is one line naming the file, the line and, for a bad value, the column.
 *
 * @param file       where it came from
 * @param header     the column names, or null when the file has no header
 * @param labels     one label text per row
 * @param features   {@code rows × featureCount} values, row-major
 * @param featureCount values per row, the columns less the label
 */
record CsvTable(Path file, List<String> header, List<String> labels, float[] features, int featureCount) {
    /** Longest line accepted, in characters: a file that is one endless line stops here. */
    static final int MAX_LINE_CHARS = 16 * 1024 * 1024; // a row of 4 million values; 3 x 224 x 224 pixels need 0.6 million

    int rows() { return labels.size(); }

    /**
     * Reads {@code file}; {@code labelColumn} is a column name (needs a header), or an index where
     * 0 is the first column and -1 the last. A header is present when the label column is a name, or
     * when a feature field of the first line is not a number.
     *
     * @param expectedFeatures the model's input size: a file with another number of feature columns is refused
     */
    static CsvTable read(Path file, String labelColumn, int expectedFeatures) throws IOException {
        InputFiles.requireRegularFile(file, "a CSV file");
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(in, file, labelColumn, expectedFeatures);
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not UTF-8 text", e);
        }
    }

    private static CsvTable parse(BufferedReader in, Path file, String labelColumn, int expectedFeatures) throws IOException {
        int lineNo = 0;
        String line;
        String[] first = null;
        while ((line = readLine(in, file, lineNo + 1)) != null) {
            lineNo++;
            if (!line.isBlank()) {
                first = split(line);
                break;
            }
        }
        if (first == null) throw new IOException(file + ": no rows");
        int columns = first.length;
        if (columns < 2) throw new IOException(file + " line " + lineNo + ": " + columns + " column; need a label and at least one feature");
        boolean byName = !isInteger(labelColumn);
        int label = byName ? indexOf(first, labelColumn, file) : index(labelColumn, columns, file);
        boolean header = byName || !allNumbers(first, label);
        List<String> names = header ? List.of(first) : null;
        int features = columns - 1;
        if (features != expectedFeatures) {
            throw new IOException(file + ": " + features + " feature columns (" + columns + " columns less the label) but the model's input takes "
                    + expectedFeatures + " values");
        }
        int headerLine = lineNo;
        List<String> labels = new ArrayList<>();
        float[] values = new float[features * 1024];
        if (!header) values = addRow(file, lineNo, first, label, names, labels, values);
        while ((line = readLine(in, file, lineNo + 1)) != null) {
            lineNo++;
            if (line.isBlank()) continue;
            String[] row = split(line);
            if (row.length != columns) {
                throw new IOException(file + " line " + lineNo + ": " + row.length + " columns, but line " + headerLine + " has " + columns);
            }
            values = addRow(file, lineNo, row, label, names, labels, values);
        }
        if (labels.isEmpty()) throw new IOException(file + ": a header but no rows");
        return new CsvTable(file, names, List.copyOf(labels), Arrays.copyOf(values, labels.size() * features), features);
    }

    private static float[] addRow(Path file, int lineNo, String[] row, int label, List<String> names, List<String> labels, float[] values) throws IOException {
        int features = row.length - 1;
        long need = (long) (labels.size() + 1) * features;
        if (need > Integer.MAX_VALUE - 8) throw new IOException(file + " line " + lineNo + ": more values than one in-memory array holds");
        if (need > values.length) {
            int grown = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(need, 2L * values.length));
            HeapBudget.require(4L * grown, file + " line " + lineNo + ": reading " + (labels.size() + 1) + " rows of " + features + " values",
                    "use a smaller file");
            values = Arrays.copyOf(values, grown);
        }
        int at = labels.size() * features;
        for (int c = 0; c < row.length; c++) {
            if (c == label) continue;
            values[at++] = number(file, lineNo, c, row[c], names);
        }
        if (row[label].isEmpty()) throw new IOException(file + " line " + lineNo + ", column " + (label + 1) + columnName(names, label) + ": empty label");
        labels.add(row[label]);
        return values;
    }

    private static float number(Path file, int lineNo, int column, String text, List<String> names) throws IOException {
        float v;
        try {
            v = text.isEmpty() || !Character.isDigit(text.charAt(text.length() - 1)) && text.charAt(text.length() - 1) != '.'
                    ? Float.NaN : Float.parseFloat(text);
        } catch (NumberFormatException e) {
            v = Float.NaN;
        }
        if (!Float.isFinite(v)) {
            throw new IOException(file + " line " + lineNo + ", column " + (column + 1) + columnName(names, column) + ": '" + shorten(text) + "' is not a finite number");
        }
        return v;
    }

    private static String columnName(List<String> names, int column) {
        return names == null ? "" : " (" + shorten(names.get(column)) + ")";
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /**
     * The next line without its terminator ({@code \n}, {@code \r\n} or {@code \r}), or null at the
     * end; a line is refused as soon as it passes {@link #MAX_LINE_CHARS}, before it is all in memory.
     */
    private static String readLine(BufferedReader in, Path file, int lineNo) throws IOException {
        StringBuilder b = new StringBuilder();
        int ch = in.read();
        if (ch < 0) return null;
        while (ch >= 0 && ch != '\n' && ch != '\r') {
            if (b.length() == MAX_LINE_CHARS) throw new IOException(file + " line " + lineNo + ": longer than " + MAX_LINE_CHARS + " characters");
            b.append((char) ch);
            ch = in.read();
        }
        if (ch == '\r') {
            in.mark(1);
            if (in.read() != '\n') in.reset();
        }
        return b.toString();
    }

    /** Splits on commas, trimming each field and removing one pair of enclosing double quotes. */
    static String[] split(String line) {
        String[] parts = line.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.length() >= 2 && p.startsWith("\"") && p.endsWith("\"")) p = p.substring(1, p.length() - 1).strip();
            parts[i] = p;
        }
        return parts;
    }

    private static boolean allNumbers(String[] row, int skip) {
        for (int c = 0; c < row.length; c++) {
            if (c == skip) continue;
            try {
                if (!Float.isFinite(Float.parseFloat(row[c]))) return false;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    private static boolean isInteger(String s) {
        return s.matches("-?\\d{1,9}");
    }

    private static int index(String text, int columns, Path file) throws IOException {
        int i = Integer.parseInt(text);
        int resolved = i < 0 ? columns + i : i;
        if (resolved < 0 || resolved >= columns) {
            throw new IOException(file + ": label column " + i + " is outside the " + columns + " columns (0.." + (columns - 1) + ", or -1.." + (-columns) + " from the end)");
        }
        return resolved;
    }

    private static int indexOf(String[] header, String name, Path file) throws IOException {
        for (int i = 0; i < header.length; i++) if (header[i].equals(name)) return i;
        String shown = String.join(", ", Arrays.asList(header).subList(0, Math.min(header.length, 8))) + (header.length > 8 ? ", ..." : "");
        throw new IOException(file + ": no column named '" + shorten(name) + "' in the header (" + shown + ")");
    }
}
