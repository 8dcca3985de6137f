package io.github.convnet4j.cuda;

import io.github.convnet4j.backend.BackendException;
import io.github.convnet4j.backend.ops.OpContract;
import io.github.convnet4j.tensor.Tensor;

/**
 * Shape checks shared by the op families. Every failure is a {@link BackendException} naming the
 * op, the shapes and the device (the format of {@link OpContract#fail}), thrown before anything is
 * issued to the GPU. Op families with a contract in engine-core check their shapes there.
 */
final class Checks {
    private Checks() {}

    /** An error for {@code op} in the format of {@link OpContract#fail}: {@code "<op>: <detail> (device cuda:0 (...))"}. */
    static BackendException error(CudaDevice device, String op, String message) {
        return OpContract.fail(device.label(), op, message);
    }

    /** Both tensors have the same number of elements. */
    static void sameSize(CudaDevice device, String op, String aName, Tensor a, String bName, Tensor b) {
        if (a.size() != b.size()) {
            throw error(device, op, aName + " " + a.shape() + " and " + bName + " " + b.shape() + " differ in size ("
                    + a.size() + " vs " + b.size() + " elements)");
        }
    }

    /** The tensor has exactly the given dimensions. */
    static void shape(CudaDevice device, String op, String name, Tensor t, int... dims) {
        boolean ok = t.shape().rank() == dims.length;
        for (int i = 0; ok && i < dims.length; i++) ok = t.dim(i) == dims[i];
        if (!ok) {
            StringBuilder want = new StringBuilder("(");
            for (int i = 0; i < dims.length; i++) want.append(i > 0 ? ", " : "").append(dims[i]);
            want.append(dims.length == 1 ? ",)" : ")");
            throw error(device, op, name + " is " + t.shape() + " but must be " + want);
        }
    }

    /** The tensor has the given rank. */
    static void rank(CudaDevice device, String op, String name, Tensor t, int rank) {
        if (t.shape().rank() != rank) throw error(device, op, name + " " + t.shape() + " must have rank " + rank);
    }

    /** An element count that cuDNN / kernel indices take as int. */
    static int intSize(CudaDevice device, String op, String name, long n) {
        if (n > Integer.MAX_VALUE) throw error(device, op, name + " has " + n + " elements, more than the 2^31-1 one call supports");
        return (int) n;
    }

    /** Whether two tensors share device memory (a reshape view of the same buffer). */
    static boolean aliased(Tensor a, Tensor b) {
        return a.buffer() == b.buffer();
    }
}
