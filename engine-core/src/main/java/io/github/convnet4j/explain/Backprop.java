package io.github.convnet4j.explain;

import io.github.convnet4j.tensor.Shape;

/**
 * One forward and backward pass of one image through a model, seen from outside.
 *
 * @param logits             {@code (K)} the model's output before a final softmax/sigmoid
 * @param classIndex         the class whose logit was differentiated
 * @param inputGradient      {@code (C, H, W)} d logit / d input
 * @param layerShape         per-sample output shape of the captured layer, or null when none was asked for
 * @param activation         the captured layer's output, {@code layerShape} values, or null
 * @param activationGradient d logit / d (captured layer's output), {@code layerShape} values, or null
 */
public record Backprop(float[] logits, int classIndex, float[] inputGradient, Shape layerShape, float[] activation,
                       float[] activationGradient) {}
