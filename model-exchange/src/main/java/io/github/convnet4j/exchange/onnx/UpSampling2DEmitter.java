package io.github.convnet4j.exchange.onnx;

import com.google.protobuf.ByteString;
import io.github.convnet4j.backend.ops.UpsampleParams;
import io.github.convnet4j.exchange.onnx.proto.OnnxProto.AttributeProto;
import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.nn.UpSampling2D;
import io.github.convnet4j.tensor.HostTensor;
import io.github.convnet4j.tensor.Shape;
import java.util.List;

/**
 * {@code UpSampling2D} as ONNX {@code Resize} (opset 13+ form: X, empty roi, scales
 * {@code [1, 1, fh, fw]}), nearest with {@code asymmetric} coordinates and {@code floor}: output
 * pixel {@code (i, j)} reads {@code (floor(i/fh), floor(j/fw))}, our block repeat exactly.
 */
final class UpSampling2DEmitter implements LayerEmitter {
    @Override public List<String> types() { return List.of("UpSampling2D"); }

    @Override public String emit(EmitContext ctx, Layer layer, Shape input, String x) {
        UpsampleParams p = ((UpSampling2D) layer).upsampleParams();
        OnnxGraph g = ctx.graph();
        String scales = g.initializer(layer.name() + "/scales",
                new HostTensor(Shape.of(4), new float[] {1, 1, p.factorH(), p.factorW()}));
        return g.node("Resize", layer.name(), new String[] {x, "", scales},
                text("mode", "nearest"),
                text("coordinate_transformation_mode", "asymmetric"),
                text("nearest_mode", "floor"));
    }

    private static AttributeProto text(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }
}
