package io.github.convnet4j.exchange.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.ByteString;
import io.github.convnet4j.exchange.onnx.proto.OnnxProto.ModelProto;
import io.github.convnet4j.exchange.onnx.proto.OnnxProto.StringStringEntryProto;
import io.github.convnet4j.exchange.onnx.proto.OnnxProto.TensorProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad ONNX files are refused in one line naming the node or tensor, with every size checked. */
class OnnxImportRefusalTest {
    @TempDir Path dir;

    private ModelProto kerasMnist() throws IOException {
        return OnnxFile.read(TorchFixtures.copy("keras_mnist.onnx", dir));
    }

    private static IllegalArgumentException refused(ModelProto m) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxImporter.convert(m, "m", "m"));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e;
    }

    private static int initializer(ModelProto m, String name) {
        for (int i = 0; i < m.getGraph().getInitializerCount(); i++) if (m.getGraph().getInitializer(i).getName().equals(name)) return i;
        throw new AssertionError("no initializer " + name);
    }

    @Test
    void anUnsupportedOperatorIsNamedWithItsNode() throws IOException {
        ModelProto m = kerasMnist();
        ModelProto.Builder b = m.toBuilder();
        b.getGraphBuilder().getNodeBuilder(1).setOpType("HardSwish");
        String node = m.getGraph().getNode(1).getName();
        assertTrue(refused(b.build()).getMessage().startsWith("node " + node + " (HardSwish): operator HardSwish is not supported"));
    }

    @Test
    void rawDataShorterThanTheDimsIsRefused() throws IOException {
        ModelProto m = kerasMnist();
        ModelProto.Builder b = m.toBuilder();
        String w = m.getGraph().getNode(0).getInput(1);
        TensorProto.Builder t = b.getGraphBuilder().getInitializerBuilder(initializer(m, w));
        t.setRawData(t.getRawData().substring(0, 40));
        String msg = refused(b.build()).getMessage();
        assertTrue(msg.contains("input " + w + ": raw_data has 40 bytes but 288 elements need 1152"), msg);
    }

    @Test
    void hugeDimsAreRefusedBeforeAnythingIsAllocated() throws IOException {
        ModelProto m = kerasMnist();
        ModelProto.Builder b = m.toBuilder();
        String w = m.getGraph().getNode(0).getInput(1);
        b.getGraphBuilder().getInitializerBuilder(initializer(m, w)).setDims(0, 1L << 40);
        assertTrue(refused(b.build()).getMessage().contains("input " + w + ": dimension 1099511627776 is out of range"));
    }

    @Test
    void externalDataIsRefused() throws IOException {
        ModelProto m = kerasMnist();
        ModelProto.Builder b = m.toBuilder();
        String w = m.getGraph().getNode(0).getInput(1);
        b.getGraphBuilder().getInitializerBuilder(initializer(m, w)).setRawData(ByteString.EMPTY)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL).addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("w.bin"));
        assertTrue(refused(b.build()).getMessage().contains("input " + w + ": external data is not supported"));
    }

    @Test
    void notAProtobufAndNotARegularFileAreOneLine() throws Exception {
        Path junk = dir.resolve("junk.onnx");
        Files.write(junk, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F, 1, 2, 3});
        IOException e = assertThrows(IOException.class, () -> OnnxImporter.read(junk));
        assertTrue(e.getMessage().startsWith(junk + ": not an ONNX model"), e.getMessage());

        Path fifo = dir.resolve("fifo.onnx");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo is not available");
        IOException f = assertThrows(IOException.class, () -> OnnxImporter.read(fifo));
        assertEquals(fifo + ": not a regular file", f.getMessage());
    }
}
