package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.backend.ops.Conv3dParams;
import io.github.convnet4j.nn.Conv3D;
import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.tensor.Shape;
import java.util.List;

/** {@code Conv3D} as a 3-D ONNX {@code Conv} on {@code (N, C, D, H, W)}, kernel {@code (F, C, T, R, S)} as is, explicit pads. */
final class Conv3DEmitter implements LayerEmitter {
    @Override public List<String> types() { return List.of("Conv3D"); }

    @Override public String emit(EmitContext ctx, Layer layer, Shape input, String x) {
        Conv3D conv = (Conv3D) layer;
        Conv3dParams p = conv.convParams(input);
        String y = ConvNodes.conv(ctx, layer.name(), layer.name() + "/kernel", layer.name() + "/bias", x,
                ConvNodes.longs(p.strideD(), p.strideH(), p.strideW()),
                ConvNodes.longs(p.padFront(), p.padTop(), p.padLeft(), p.padBack(), p.padBottom(), p.padRight()),
                ConvNodes.longs(p.dilationD(), p.dilationH(), p.dilationW()), 1);
        return ActivationNodes.emit(ctx.graph(), conv.outputActivation(), conv.outputShape(input), y, layer.name() + "/activation");
    }
}
