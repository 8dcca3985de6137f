package io.github.convnet4j.data;

import io.github.convnet4j.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class CsvSourceTest {
    @TempDir Path dir;

    private static final Shape TWO_BY_TWO = Shape.of(1, 2, 2);

    private Path csv(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void kaggleLayoutWithHeaderScalesEightBitPixels() throws IOException {
        Path train = csv("train.csv", "label,pixel1,pixel2,pixel3,pixel4\n3,0,255,128,1\n\n1,2,3,4,5\n");
        Path test = csv("test.csv", "label,pixel1,pixel2,pixel3,pixel4\n0,9,9,9,9\n");
        CsvSource.Loaded l = CsvSource.load(train, test, TWO_BY_TWO, "0");
        assertTrue(l.pixelsScaled());
        assertTrue(l.train().storesBytes(), "8-bit pixels are kept as bytes");
        assertArrayEquals(new int[]{3, 1}, l.train().labels(), "the blank line is skipped");
        assertEquals(4, l.train().numClasses(), "integer labels: classes = largest label + 1, over both files");
        assertEquals(4, l.test().numClasses());
        float[] s = new float[4];
        l.train().copySample(0, s, 0);
        assertArrayEquals(new float[]{0, 1, 128 / 255f, 1 / 255f}, s, 0f, "exactly as IDX bytes read: b / 255f");
    }

    @Test
    void noHeaderNegativeLabelColumnAndTextLabels() throws IOException {
        Path f = csv("signals.csv", "0.5,-1.25,2,3e-1,versicolor\n1,1,1,1,setosa\n0,0,0,0.5,versicolor\n");
        CsvSource.Loaded l = CsvSource.load(f, null, TWO_BY_TWO, "-1");
        assertFalse(l.pixelsScaled(), "values that are not all 0..255 integers are used as they are");
        assertFalse(l.train().storesBytes());
        assertNull(l.test());
        assertEquals(List.of("setosa", "versicolor"), l.train().classNames(), "text labels: sorted distinct names");
        assertArrayEquals(new int[]{1, 0, 1}, l.train().labels());
        float[] s = new float[4];
        l.train().copySample(0, s, 0);
        assertArrayEquals(new float[]{0.5f, -1.25f, 2f, 0.3f}, s, 0f);
    }

    @Test
    void labelColumnByName() throws IOException {
        Path f = csv("t.csv", "a,b,kind,c,d\n1.5,2,7,3,4\n");
        CsvSource.Loaded l = CsvSource.load(f, null, TWO_BY_TWO, "kind");
        assertArrayEquals(new int[]{7}, l.train().labels());
        float[] s = new float[4];
        l.train().copySample(0, s, 0);
        assertArrayEquals(new float[]{1.5f, 2, 3, 4}, s, 0f, "features are the other columns, in order, unscaled (1.5 is no pixel)");
    }

    @Test
    void aRaggedRowNamesTheLine() throws IOException {
        Path f = csv("r.csv", "label,p1,p2,p3,p4\n1,0,0,0,0\n2,0,0,0\n");
        IOException e = assertThrows(IOException.class, () -> CsvSource.load(f, null, TWO_BY_TWO, "0"));
        assertEquals(f + " line 3: 4 columns, but line 1 has 5", e.getMessage());
    }

    @Test
    void aNonNumberNamesTheLineAndColumn() throws IOException {
        Path f = csv("n.csv", "label,p1,p2,p3,p4\n1,0,0,0,0\n1,0,0,x7,0\n");
        IOException e = assertThrows(IOException.class, () -> CsvSource.load(f, null, TWO_BY_TWO, "0"));
        assertEquals(f + " line 3, column 4 (p3): 'x7' is not a finite number", e.getMessage());
        Path g = csv("nan.csv", "label,p1,p2,p3,p4\n1,0,NaN,0,0\n");
        e = assertThrows(IOException.class, () -> CsvSource.load(g, null, TWO_BY_TWO, "0"));
        assertEquals(g + " line 2, column 3 (p2): 'NaN' is not a finite number", e.getMessage());
        Path h = csv("headerless.csv", "1,0,Infinity,0,0\n");
        e = assertThrows(IOException.class, () -> CsvSource.load(h, null, TWO_BY_TWO, "0"));
        assertEquals(h + ": a header but no rows", e.getMessage(), "a first line that is not all numbers is a header");
    }

    @Test
    void featureCountMustMatchTheModelInput() throws IOException {
        Path f = csv("w.csv", "1,0,0,0\n");
        IOException e = assertThrows(IOException.class, () -> CsvSource.load(f, null, TWO_BY_TWO, "0"));
        assertEquals(f + ": 3 feature columns (4 columns less the label) but the model's input takes 4 values", e.getMessage());
    }

    @Test
    void badLabelColumnsAreNamed() throws IOException {
        Path f = csv("c.csv", "a,b,c,d,e\n1,2,3,4,5\n");
        IOException e = assertThrows(IOException.class, () -> CsvSource.load(f, null, TWO_BY_TWO, "7"));
        assertTrue(e.getMessage().startsWith(f + ": label column 7 is outside the 5 columns"), e.getMessage());
        e = assertThrows(IOException.class, () -> CsvSource.load(f, null, TWO_BY_TWO, "target"));
        assertEquals(f + ": no column named 'target' in the header (a, b, c, d, e)", e.getMessage());
        Path empty = csv("e.csv", "\n\n");
        e = assertThrows(IOException.class, () -> CsvSource.load(empty, null, TWO_BY_TWO, "0"));
        assertEquals(empty + ": no rows", e.getMessage());
    }

    @Test
    void aLinkToDevZeroIsRefusedBeforeAnythingIsRead() throws IOException {
        Path zero = dir.resolve("zero.csv");
        try {
            Files.createSymbolicLink(zero, Path.of("/dev/zero"));
        } catch (UnsupportedOperationException | IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no symbolic links here: " + e);
        }
        IOException e = assertThrows(IOException.class, () -> CsvSource.load(zero, null, TWO_BY_TWO, "0"));
        assertTrue(e.getMessage().startsWith(zero + ": is not a regular file"), e.getMessage());
    }

    @Test
    void aLineLongerThanTheCapIsRefusedWithItsNumberBeforeItIsAllRead() throws IOException {
        // One header line, then a line of CsvTable.MAX_LINE_CHARS + 1 characters: refused at the cap, not after reading it whole.
        Path f = dir.resolve("long.csv");
        try (java.io.Writer w = Files.newBufferedWriter(f)) {
            w.write("label,a,b,c,d\n");
            char[] chunk = new char[1 << 20];
            java.util.Arrays.fill(chunk, '1');
            for (int i = 0; i < CsvTable.MAX_LINE_CHARS / chunk.length; i++) w.write(chunk);
            w.write("1\n");
        }
        IOException e = assertThrows(IOException.class, () -> CsvSource.load(f, null, TWO_BY_TWO, "0"));
        assertEquals(f + " line 2: longer than " + CsvTable.MAX_LINE_CHARS + " characters", e.getMessage());
    }
}
