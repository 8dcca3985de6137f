package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.PoolParams;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

/**
 * Shared body of 3-D max and average pooling on {@code (N, C, D, H, W)} into
 * {@code (N, C, OD, OH, OW)}, run as two 2-D poolings: over (H, W) on the view
 * {@code (N, C*D, H, W)}, then over D on the view {@code (N*C, 1, D, OH*OW)} with a {@code kd x 1}
 * window. The window is a product of the two, so this is exact: a max of maxima is the max, and
 * the mean over valid depths of the means over valid (h, w) is the mean over the valid box (the
 * count of valid (h, w) is the same at every depth). Max pooling's gradient still goes to the
 * window's first maximum in (d, h, w) order: the depth pass picks the first depth holding it, the
 * plane pass the first (h, w) there. Config: {@code pool_size} (2 or [d, h, w]), {@code strides}
 * (default: pool_size), {@code padding} ("valid" | "same").
 */
public abstract class Pooling3D extends AbstractLayer {
    private final PoolParams.Mode mode;
    private final int[] pool;
    private final int[] strides;
    private final Object padding;

    private PoolParams planeParams;
    private PoolParams depthParams;
    private TensorSlot planeSlot;
    private TensorSlot outSlot;
    private TensorSlot dPlaneSlot;
    private TensorSlot dxSlot;
    private Tensor x;
    private Tensor plane;
    private Tensor y;

    protected Pooling3D(String type, PoolParams.Mode mode, String name, LayerConfig c) {
        super(type, name, c);
        this.mode = mode;
        pool = Window3D.triple(c, "pool_size", new int[] {2, 2, 2}, 1);
        strides = Window3D.triple(c, "strides", pool, 1);
        padding = Window3D.padding(c, false);
    }

    private int[] pads(Shape input, int axis) {
        return Window3D.resolve(padding, axis, input.dim(axis + 1), pool[axis], strides[axis], 1);
    }

    /** The (H, W) window of an input {@code (C, D, H, W)}: size, strides, resolved pads. */
    public PoolParams planeParams(Shape input) {
        int[] ph = pads(input, 1), pw = pads(input, 2);
        return new PoolParams(mode, pool[1], pool[2], strides[1], strides[2], ph[0], pw[0], ph[1], pw[1]);
    }

    /** The D window of an input {@code (C, D, H, W)}, written on the height axis (width window 1). */
    public PoolParams depthParams(Shape input) {
        int[] pd = pads(input, 0);
        return new PoolParams(mode, pool[0], 1, strides[0], 1, pd[0], 0, pd[1], 0);
    }

    @Override public Shape outputShape(Shape input) {
        if (input.rank() != 4) throw shapeError("expects a volume input (C, D, H, W), got " + input);
        PoolParams pp = planeParams(input), dp = depthParams(input);
        int od = dp.outputHeight(input.dim(1)), oh = pp.outputHeight(input.dim(2)), ow = pp.outputWidth(input.dim(3));
        if (od <= 0 || oh <= 0 || ow <= 0) {
            throw shapeError("input " + input + " is smaller than the " + pool[0] + "×" + pool[1] + "×" + pool[2] + " pool window");
        }
        return Shape.of(input.dim(0), od, oh, ow);
    }

    @Override protected void onBuild() {
        planeParams = planeParams(inputShape);
        depthParams = depthParams(inputShape);
        planeSlot = slot();
        outSlot = slot();
        dPlaneSlot = slot();
        dxSlot = slot();
    }

    /** {@code (N, C*D, H, W)}: every depth slice a plane. */
    private Shape planes(int n) { return Shape.of(n, inputShape.dim(0) * inputShape.dim(1), inputShape.dim(2), inputShape.dim(3)); }

    /** {@code (N, C*D, OH, OW)}: the result of the plane pass. */
    private Shape pooledPlanes(int n) { return Shape.of(n, inputShape.dim(0) * inputShape.dim(1), outputShape.dim(2), outputShape.dim(3)); }

    /** A tensor of {@code (N, C, depth, OH, OW)} values as {@code (N*C, 1, depth, OH*OW)}. */
    private Tensor depthView(Tensor t, int n, int depth) {
        return t.reshape(Shape.of(n * inputShape.dim(0), 1, depth, outputShape.dim(2) * outputShape.dim(3)));
    }

    @Override public Tensor forward(Tensor x, ForwardContext ctx, boolean skipOutputActivation) {
        checkInput(x);
        this.x = x;
        int n = x.dim(0);
        plane = planeSlot.get(backend, pooledPlanes(n), dtype);
        backend.pool().forward(planeParams, x.reshape(planes(n)), plane);
        y = outSlot.batched(backend, n, outputShape, dtype);
        backend.pool().forward(depthParams, depthView(plane, n, inputShape.dim(1)), depthView(y, n, outputShape.dim(1)));
        return y;
    }

    @Override public Tensor backward(Tensor dy, boolean needInputGradient) {
        if (!needInputGradient) return null;
        int n = x.dim(0), depth = inputShape.dim(1), outDepth = outputShape.dim(1);
        Tensor dPlane = gradientBuffer(dPlaneSlot, pooledPlanes(n));
        backend.pool().backward(depthParams, depthView(plane, n, depth), depthView(y, n, outDepth), depthView(dy, n, outDepth),
                depthView(dPlane, n, depth));
        Tensor dx = gradientBuffer(dxSlot, x.shape());
        backend.pool().backward(planeParams, x.reshape(planes(n)), plane, dPlane, dx.reshape(planes(n)));
        return dx;
    }
}
