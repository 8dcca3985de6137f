package io.github.convnet4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassNameFileTest {
    @Test
    void stripsNamesDropsBlankLinesAndRefusesLargeFiles(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("names.txt");
        Files.writeString(f, "  cat \n\ndog\r\n \nbird\n");
        assertEquals(List.of("cat", "dog", "bird"), ClassNameFile.read(f, 100));
        long size = Files.size(f);
        assertEquals(f + ": " + size + " bytes is larger than the 10-byte limit for a class-name file",
                assertThrows(IOException.class, () -> ClassNameFile.read(f, 10)).getMessage());
    }
}
