package io.github.convnet4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.tensor.Shape;
import org.junit.jupiter.api.Test;

class SyntheticDataTest {
    @Test void splitmix64MatchesTheReferenceStreamForSeedZero() {
        // The first outputs of Vigna's splitmix64.c started at state 0.
        assertEquals(0xE220A8397B1DCDAFL, SyntheticData.splitmix64(0, 0));
        assertEquals(0x6E789E6AA1B965F4L, SyntheticData.splitmix64(0, 1));
        assertEquals(0x06C45D188009454FL, SyntheticData.splitmix64(0, 2));
    }

    @Test void imagesAndLabelsMatchWhatThePythonPeerComputes() {
        // Printed by bench/pytorch_peer.py's synthetic(2, (3, 32, 32), 10, 42) with NumPy.
        Dataset d = SyntheticData.of(2, Shape.of(3, 32, 32), 10, 42);
        float[] v = d.images();
        assertEquals(0.7415648698806763f, v[0]);
        assertEquals(0.1599103808403015f, v[1]);
        assertEquals(0.27860110998153687f, v[2]);
        assertEquals(0.34419065713882446f, v[3]);
        assertEquals(0, d.label(0));
        assertEquals(3, d.label(1));
    }

    @Test void valuesLieInTheUnitIntervalAndLabelsBelowTheClassCount() {
        Dataset d = SyntheticData.of(64, Shape.of(3, 8, 8), 10, 7);
        for (float x : d.images()) assertTrue(x >= 0 && x < 1, "value " + x);
        for (int i = 0; i < d.size(); i++) assertTrue(d.label(i) >= 0 && d.label(i) < 10);
        assertEquals(64 * 3 * 8 * 8, d.images().length);
    }

    @Test void sampleCountIsWholeBatchesCappedByDataAndMaximum() {
        assertEquals(64 * 35, BenchmarkData.sampleCount(64, 35, 60000));
        assertEquals(4096, BenchmarkData.sampleCount(64, 1000, 60000));
        assertEquals(42 * 96, BenchmarkData.sampleCount(96, 1000, 60000));
        assertEquals(640, BenchmarkData.sampleCount(64, 1000, 700));
        assertEquals(8192, BenchmarkData.sampleCount(8192, 3, 60000));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkData.sampleCount(64, 10, 63));
    }
}
