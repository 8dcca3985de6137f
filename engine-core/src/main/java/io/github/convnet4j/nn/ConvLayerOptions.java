package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.Activation;
import io.github.convnet4j.init.Constant;
import io.github.convnet4j.init.GlorotUniform;
import io.github.convnet4j.init.Initializer;
import io.github.convnet4j.tensor.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * What every convolution layer reads from its spec besides its geometry, read once by
 * {@link #read}: {@code use_bias} (true), {@code activation} ("linear"), each kernel's
 * {@code <kernel>_initializer} ("glorot_uniform"), {@code bias_initializer} ("zeros"), each
 * kernel's {@code <kernel>_regularizer} and {@code bias_regularizer} (none). A kernel is named by
 * its key prefix: {@code kernel} for {@code kernel_initializer} and the parameter
 * {@code <layer>/kernel}, {@code depthwise} for {@code depthwise_initializer} and
 * {@code <layer>/depthwise_kernel}.
 *
 * @param kernels     the kernels' key prefixes, in the order their parameters are declared
 * @param kernelInits one initializer per kernel
 * @param kernelRegs  one regularizer per kernel
 */
record ConvLayerOptions(boolean useBias, Activation activation, List<String> kernels, List<Initializer> kernelInits,
                        Initializer biasInit, List<Regularizer> kernelRegs, Regularizer biasReg) {

    /** Reads the keys in the order the layers have always read them, so a spec with two bad keys reports the same one. */
    static ConvLayerOptions read(LayerConfig c, String... kernels) {
        boolean useBias = c.optionalBoolean("use_bias", true);
        Activation activation = c.optionalActivation("activation", Activation.LINEAR);
        List<Initializer> inits = new ArrayList<>();
        for (String k : kernels) inits.add(c.optionalInitializer(k + "_initializer", new GlorotUniform()));
        Initializer biasInit = c.optionalInitializer("bias_initializer", Constant.ZEROS);
        List<Regularizer> regs = new ArrayList<>();
        for (String k : kernels) regs.add(c.optionalRegularizer(k + "_regularizer"));
        Regularizer biasReg = c.optionalRegularizer("bias_regularizer");
        return new ConvLayerOptions(useBias, activation, List.of(kernels), List.copyOf(inits), biasInit, List.copyOf(regs), biasReg);
    }

    /** The weight of kernel {@code i} (in the order read) with its initializer, regularizer and Keras fans. */
    ParameterSpec kernel(int i, Shape shape, int fanIn, int fanOut) {
        String prefix = kernels.get(i);
        String localName = prefix.equals("kernel") ? "kernel" : prefix + "_kernel";
        return ParameterSpec.weight(localName, shape, kernelInits.get(i), fanIn, fanOut, kernelRegs.get(i));
    }

    /**
     * The given kernels, then, with {@code use_bias}, the bias {@code (length)}; the bias gets the
     * last kernel's fans, as Keras gives it its layer's.
     */
    List<ParameterSpec> withBias(int length, ParameterSpec... kernelSpecs) {
        List<ParameterSpec> specs = new ArrayList<>(List.of(kernelSpecs));
        ParameterSpec last = kernelSpecs[kernelSpecs.length - 1];
        if (useBias) specs.add(ParameterSpec.weight("bias", Shape.of(length), biasInit, last.fanIn(), last.fanOut(), biasReg));
        return specs;
    }

    /** The one kernel {@code shape}, then, with {@code use_bias}, the bias {@code (length)}, both with the given fans. */
    List<ParameterSpec> kernelAndBias(Shape shape, int length, int fanIn, int fanOut) {
        return withBias(length, kernel(0, shape, fanIn, fanOut));
    }
}
