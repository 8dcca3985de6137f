package io.github.convnet4j.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

import static io.github.convnet4j.data.IdxFiles.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * IDX files plain and gzip, every refusal named. Mutants left alive on purpose (mutation testing):
 * <ul>
 * <li>{@code knownLength >= 0} as {@code > 0} (lines of the length check, the heap estimate and
 *     {@code readData}'s buffer): a plain file of 0 bytes is refused as too short before them.</li>
 * <li>{@code readData} always growing its buffer (the length-checked flag forced false): the same bytes,
 *     only allocated in steps.</li>
 * <li>{@code n < 0} as {@code n <= 0} in {@code readData} and {@code readUpTo}: {@code read} with a
 *     positive length returns 0 only from a stream that breaks InputStream's contract.</li>
 * <li>The {@code HeapBudget.require} call and its estimate: observable only with a heap close to the
 *     1 GiB cap; the test JVMs have 4 GiB or more.</li>
 * </ul>
 */
class IdxReaderTest {
    @TempDir Path dir;

    private static String error(Path file) {
        IOException e = assertThrows(IOException.class, () -> IdxReader.read(file));
        String m = e.getMessage();
        assertTrue(m.startsWith(file.getFileName() + ": "), m);
        assertFalse(m.contains("\n"), m);
        return m;
    }

    @Test
    void plainAndGzipRoundTrip() throws IOException {
        byte[] data = images(5, 3, 4);
        data[0] = (byte) 255; // unsigned: must read back as 255, not -1
        byte[] raw = idx(new int[]{5, 3, 4}, data);
        for (Path p : new Path[]{write(dir, "imgs", raw), write(dir, "imgs-but-gzip.bin", gzip(raw))}) {
            IdxArray a = IdxReader.read(p);
            assertArrayEquals(new int[]{5, 3, 4}, a.dims());
            assertArrayEquals(data, a.data());
            assertEquals(255, a.unsigned(0));
            assertEquals(5, a.count());
        }
        // A gzip file whose name does not say so, and a plain one named .gz: detected by content.
        Path misnamed = write(dir, "plain.gz", raw);
        assertArrayEquals(data, IdxReader.read(misnamed).data());
        IdxArray s = IdxReader.read(new ByteArrayInputStream(gzip(raw)), "stream");
        assertArrayEquals(data, s.data());
    }

    @Test
    void labelsFile() throws IOException {
        byte[] l = labels(10, 10);
        IdxArray a = IdxReader.read(write(dir, "labels", idx(new int[]{10}, l)));
        assertArrayEquals(new int[]{10}, a.dims());
        assertArrayEquals(l, a.data());
    }

    @Test
    void truncatedPlainFileReportsExpectedAndActualBytes() throws IOException {
        byte[] raw = idx(new int[]{60000, 28, 28}, new byte[1000]);
        assertEquals("train-images-idx3-ubyte: truncated: expected 47040000 bytes of data, got 1000",
                error(write(dir, "train-images-idx3-ubyte", raw)));
    }

    @Test
    void truncatedGzipDataReportsExpectedAndActualBytes() throws IOException {
        byte[] raw = idx(new int[]{60000, 28, 28}, new byte[1000]);
        assertEquals("train-images-idx3-ubyte.gz: truncated: expected 47040000 bytes of data, got 1000",
                error(write(dir, "train-images-idx3-ubyte.gz", gzip(raw))));
    }

    @Test
    void truncatedGzipStream() throws IOException {
        byte[] gz = gzip(idx(new int[]{100, 28, 28}, images(100, 28, 28)));
        String m = error(write(dir, "cut.gz", Arrays.copyOf(gz, gz.length / 2)));
        assertTrue(m.contains("truncated gzip stream") || m.contains("corrupt gzip"), m);
    }

    @Test
    void corruptGzip() throws IOException {
        byte[] gz = gzip(idx(new int[]{50, 8, 8}, images(50, 8, 8)));
        byte[] bad = gz.clone();
        for (int i = 12; i < 40; i++) bad[i] ^= (byte) 0x5A; // inside the deflate stream
        String m = error(write(dir, "bad.gz", bad));
        assertTrue(m.contains("corrupt gzip") || m.contains("truncated gzip") || m.contains("bad magic"), m);

        byte[] badHeader = {(byte) 0x1f, (byte) 0x8b, 99, 0, 0, 0, 0, 0, 0, 0}; // gzip magic, unknown method
        assertTrue(error(write(dir, "header.gz", badHeader)).contains("not gzip-compressed data / corrupt gzip stream"));

        byte[] badCrc = gz.clone();
        badCrc[badCrc.length - 6] ^= 1; // CRC32 in the trailer
        assertTrue(error(write(dir, "crc.gz", badCrc)).contains("corrupt gzip stream"));
    }

    @Test
    void badMagic() throws IOException {
        byte[] raw = ByteBuffer.allocate(16).putInt(0x12345678).putInt(1).putInt(1).putInt(1).array();
        assertEquals("x.idx: bad magic 0x12345678 (not an IDX file)", error(write(dir, "x.idx", raw)));
    }

    @Test
    void unsupportedTypeAndRank() throws IOException {
        byte[] floats = ByteBuffer.allocate(12).putInt(0x00000D01).putInt(1).putInt(0).array();
        assertTrue(error(write(dir, "f.idx", floats)).contains("data type 0x0d is not supported"));
        byte[] rank0 = ByteBuffer.allocate(4).putInt(0x00000800).array();
        assertTrue(error(write(dir, "r0.idx", rank0)).contains("declares 0 dimensions"));
        byte[] rank9 = ByteBuffer.allocate(40).putInt(0x00000809).array();
        assertTrue(error(write(dir, "r9.idx", rank9)).contains("declares 9 dimensions"));
    }

    @Test
    void hugeDeclaredDimensionsWithTinyFile() throws IOException {
        // 2^31-1 x 2^31-1 x 2^31-1 would overflow int and long products without exact arithmetic.
        byte[] huge = ByteBuffer.allocate(20).putInt(0x00000803).putInt(-1).putInt(-1).putInt(-1).put(new byte[4]).array();
        assertTrue(error(write(dir, "huge", huge)).contains("larger than the limit"));
        byte[] big = ByteBuffer.allocate(20).putInt(0x00000803).putInt(1 << 20).putInt(1 << 10).putInt(1 << 10).array();
        assertTrue(error(write(dir, "big", big)).contains("need more than the limit"));
        // Under the cap but far beyond the file: rejected from the file length, before allocating.
        byte[] lie = ByteBuffer.allocate(20).putInt(0x00000803).putInt(1000).putInt(1000).putInt(1000).array();
        assertEquals("lie: truncated: expected 1000000000 bytes of data, got 4", error(write(dir, "lie", lie)));
        // Same lie, gzipped: the length is unknown up front, the read stops at the real end of data.
        assertEquals("lie.gz: truncated: expected 1000000000 bytes of data, got 4", error(write(dir, "lie.gz", gzip(lie))));
        byte[] zero = ByteBuffer.allocate(12).putInt(0x00000802).putInt(5).putInt(0).array();
        assertTrue(error(write(dir, "zero", zero)).contains("dimension 1 is zero"));
    }

    @Test
    void trailingBytesAndShortFiles() throws IOException {
        byte[] raw = idx(new int[]{4}, new byte[]{1, 2, 3, 4});
        byte[] longer = Arrays.copyOf(raw, raw.length + 3);
        assertTrue(error(write(dir, "long", longer)).contains("3 unexpected bytes"));
        assertTrue(error(write(dir, "long.gz", gzip(longer))).contains("unexpected bytes"));
        assertEquals("empty: too short to be an IDX file (0 bytes)", error(write(dir, "empty", new byte[0])));
        assertTrue(error(write(dir, "header", Arrays.copyOf(raw, 6))).contains("truncated header"));
    }

    @Test
    void missingFileNamesIt() {
        String m = error(dir.resolve("nope-idx1-ubyte"));
        assertTrue(m.startsWith("nope-idx1-ubyte: no such file ("), m);
    }

    @Test
    void magicMustStartWithTwoZeroBytes() throws IOException {
        // Type 0x08 and rank 1 in the last two bytes, but the first byte is not zero.
        byte[] raw = ByteBuffer.allocate(9).putInt(0x01000801).putInt(1).put((byte) 7).array();
        assertEquals("one.idx: bad magic 0x01000801 (not an IDX file)", error(write(dir, "one.idx", raw)));
        raw = ByteBuffer.allocate(9).putInt(0x00010801).putInt(1).put((byte) 7).array();
        assertEquals("two.idx: bad magic 0x00010801 (not an IDX file)", error(write(dir, "two.idx", raw)));
    }

    @Test
    void fiveDimensionsAreTheMostAccepted() throws IOException {
        byte[] data = images(2, 3, 4);
        IdxArray a = IdxReader.read(write(dir, "vol", idx(new int[]{2, 1, 1, 3, 4}, data)));
        assertArrayEquals(new int[]{2, 1, 1, 3, 4}, a.dims());
        assertArrayEquals(data, a.data());
        byte[] six = idx(new int[]{2, 1, 1, 1, 3, 4}, data);
        assertEquals("six: IDX file declares 6 dimensions (supported: 1 to 5)", error(write(dir, "six", six)));
    }

    @Test
    void aDimensionOrAProductOfExactlyTheCapIsNotOverTheCap() throws IOException {
        // 2^30 bytes is the cap itself: allowed by the size checks, then refused only because the file is short.
        byte[] one = ByteBuffer.allocate(8).putInt(0x00000801).putInt(1 << 30).array();
        assertEquals("one: truncated: expected 1073741824 bytes of data, got 0", error(write(dir, "one", one)));
        byte[] two = ByteBuffer.allocate(12).putInt(0x00000802).putInt(1 << 15).putInt(1 << 15).array();
        assertEquals("two: truncated: expected 1073741824 bytes of data, got 0", error(write(dir, "two", two)));
        // One more is over it, named with the dimensions read so far.
        byte[] over = ByteBuffer.allocate(8).putInt(0x00000801).putInt((1 << 30) + 1).array();
        assertEquals("over: dimension 0 is 1073741825, larger than the limit 1073741824", error(write(dir, "over", over)));
        byte[] product = ByteBuffer.allocate(16).putInt(0x00000803).putInt(2).putInt(1 << 15).putInt((1 << 15) + 1).array();
        assertEquals("product: declared dimensions 2 x 32768 x 32769 need more than the limit of 1073741824 bytes",
                error(write(dir, "product", product)));
        byte[] first = ByteBuffer.allocate(12).putInt(0x00000802).putInt(1 << 20).putInt(1 << 11).array();
        assertEquals("first: declared dimensions 1048576 x 2048 need more than the limit of 1073741824 bytes",
                error(write(dir, "first", first)));
    }
}
