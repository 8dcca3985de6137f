package io.github.convnet4j.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import org.junit.jupiter.api.Test;

/** Where a layer's cells sit over the input, the upsampling along that grid, and Grad-CAM's default layer. */
class ReceptiveFieldGridTest {
    /**
     * Per layer, cell j is centred on input position {@code j * s - pad + (extent - 1) / 2}, composed:
     * <ol>
     *   <li>conv [3, 5] same, stride 1: pads 1 and 2, so offsets -1 + 1 = 0 and -2 + 2 = 0;</li>
     *   <li>max pool 2 (valid, stride 2): offset 0.5, stride 2, so 0 + 0.5 = 0.5 and 2;</li>
     *   <li>max pool 3 same, stride 1: pad 1, offset 0, so still 0.5 and 2;</li>
     *   <li>upsampling ×2, cells spread evenly: stride 1/2, offset (1/2 - 1)/2 = -1/4, so 0.5 + 2·(-1/4) = 0 and 1.</li>
     * </ol>
     */
    @Test void paddingAndEvenlySpreadLayersShiftTheGrid() {
        Model m = Model.of(ModelSpec.parse("""
                {"name": "g", "input_shape": [1, 8, 10], "layers": [
                  {"type": "Conv2D", "filters": 2, "kernel_size": [3, 5], "padding": "same"},
                  {"type": "MaxPooling2D", "pool_size": 2},
                  {"type": "MaxPooling2D", "pool_size": 3, "strides": 1, "padding": "same"},
                  {"type": "UpSampling2D", "size": 2}]}""", "test"));
        assertEquals(new ReceptiveFieldGrid(0, 1, 0, 1), ReceptiveFieldGrid.of(m, 0));
        assertEquals(new ReceptiveFieldGrid(0.5, 2, 0.5, 2), ReceptiveFieldGrid.of(m, 1));
        assertEquals(new ReceptiveFieldGrid(0.5, 2, 0.5, 2), ReceptiveFieldGrid.of(m, 2));
        assertEquals(new ReceptiveFieldGrid(0, 1, 0, 1), ReceptiveFieldGrid.of(m, 3));
    }

    /**
     * Bilinear interpolation reproduces a linear map exactly: the 2×3 map 10·row + column sampled on
     * rows 0.5 + 2r and columns 1 + 3c gives 10·u + v at every pixel, with u = (y - 0.5) / 2 clamped
     * to [0, 1] and v = (x - 1) / 3 clamped to [0, 2].
     */
    @Test void resizeInterpolatesBetweenCellCentresAndClampsAtTheEdges() {
        float[] map = {0, 1, 2, 10, 11, 12};
        float[] out = new ReceptiveFieldGrid(0.5, 2, 1, 3).resize(map, 2, 3, 4, 7);
        double[] u = {0, 0.25, 0.75, 1};
        double[] v = {0, 0, 1 / 3.0, 2 / 3.0, 1, 4 / 3.0, 5 / 3.0};
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 7; x++) assertEquals(10 * u[y] + v[x], out[y * 7 + x], 1e-5, "pixel (" + y + ", " + x + ")");
        }
    }

    /** A 4×4 input: conv 3 valid gives 2×2 (spatial), conv 2 valid then 1×1 (one position: not a map). */
    @Test void gradCamsDefaultIsTheLastLayerWithMoreThanOnePosition() {
        Model m = Model.of(ModelSpec.parse("""
                {"name": "cam", "input_shape": [1, 4, 4], "layers": [
                  {"type": "Conv2D", "filters": 2, "kernel_size": 3},
                  {"type": "Conv2D", "filters": 2, "kernel_size": 2},
                  {"type": "Flatten"},
                  {"type": "Dense", "units": 2}]}""", "test"));
        assertEquals(m.layers().get(0).name(), GradCam.defaultLayer(m));
        String e = assertThrows(IllegalArgumentException.class, () -> GradCam.requireSpatial(m, 1)).getMessage();
        assertTrue(e.contains("outputs (2, 1, 1)"), e);
        Model flat = Model.of(ModelSpec.parse("""
                {"name": "flat", "input_shape": [4], "layers": [{"type": "Dense", "units": 2}]}""", "test"));
        e = assertThrows(IllegalArgumentException.class, () -> GradCam.defaultLayer(flat)).getMessage();
        assertTrue(e.contains("model flat has none"), e);
    }
}
