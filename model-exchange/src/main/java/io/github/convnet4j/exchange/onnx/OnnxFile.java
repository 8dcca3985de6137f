package io.github.convnet4j.exchange.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.github.convnet4j.exchange.onnx.proto.OnnxProto.ModelProto;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads an ONNX file with its size bounded: the file must be a regular file of at most
 * {@link #MAX_FILE_BYTES}, and protobuf parsing is limited to that many bytes, so a FIFO, a link to
 * {@code /dev/zero} or a length field that lies cannot make it read or allocate more.
 */
public final class OnnxFile {
    /** ONNX files larger than this are refused (protobuf itself stops at 2 GiB; weights beyond this use external data). */
    public static final long MAX_FILE_BYTES = 512L << 20;

    private OnnxFile() {}

    /**
     * @throws IOException one line naming the file: missing, not a regular file, too large, or not an ONNX protobuf
     */
    public static ModelProto read(Path file) throws IOException {
        if (!Files.exists(file)) throw new IOException(file + ": no such file");
        if (!Files.isRegularFile(file)) throw new IOException(file + ": not a regular file");
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) throw new IOException(file + ": " + size + " bytes is more than the " + MAX_FILE_BYTES + " an ONNX file may have here");
        try (InputStream in = Files.newInputStream(file)) {
            CodedInputStream coded = CodedInputStream.newInstance(in);
            coded.setSizeLimit(Math.toIntExact(size + 1));
            ModelProto model = ModelProto.parseFrom(coded);
            if (!model.hasGraph()) throw new IOException(file + ": not an ONNX model (no graph)");
            return model;
        } catch (InvalidProtocolBufferException e) {
            throw new IOException(file + ": not an ONNX model (" + e.getMessage() + ")");
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file");
        }
    }
}
