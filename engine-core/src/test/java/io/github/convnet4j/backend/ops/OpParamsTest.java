package io.github.convnet4j.backend.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Small pure pieces of the op SPI that every backend relies on: the dropout hash, symmetric padding, fused op names. */
class OpParamsTest {
    @Test
    void dropoutHashMatchesTheDocumentedSteps() {
        // Computed with the documented steps in Python (x = i * 0x9E3779B9 + seed mod 2^32, fmix32, top 24 bits / 2^24):
        //   (0, 0) -> 0, (0, 1) -> 9620015, (1, 0) -> 5328424, (12345, 7) -> 10921436,
        //   (-1, 1000) -> 596255, (2^31 - 1, 3) -> 5899558
        assertEquals(0f, DropoutHash.uniform(0, 0));
        assertEquals(9620015 / 16777216f, DropoutHash.uniform(0, 1));
        assertEquals(5328424 / 16777216f, DropoutHash.uniform(1, 0));
        assertEquals(10921436 / 16777216f, DropoutHash.uniform(12345, 7));
        assertEquals(596255 / 16777216f, DropoutHash.uniform(-1, 1000));
        assertEquals(5899558 / 16777216f, DropoutHash.uniform(Integer.MAX_VALUE, 3));
    }

    @Test
    void symmetricPaddingNeedsBothAxesBalanced() {
        assertTrue(new ConvParams(1, 1, 2, 1, 2, 1, 1, 1).symmetricPadding());
        assertFalse(new ConvParams(1, 1, 1, 1, 2, 1, 1, 1).symmetricPadding());
        assertFalse(new ConvParams(1, 1, 2, 1, 2, 0, 1, 1).symmetricPadding());
    }

    @Test
    void fusedOpNames() {
        assertEquals("conv forward with fused relu", ConvContract.fused(ConvContract.FORWARD, Activation.RELU));
        assertEquals("conv forward with fused null", ConvContract.fused(ConvContract.FORWARD, null));
    }
}
