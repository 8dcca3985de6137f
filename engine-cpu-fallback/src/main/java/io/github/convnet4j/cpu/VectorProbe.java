package io.github.convnet4j.cpu;

import jdk.incubator.vector.FloatVector;

/** Reads the Vector API's preferred width; only loaded reflectively once the module is known present. */
final class VectorProbe {
    private VectorProbe() {}

    static int preferredBits() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }
}
