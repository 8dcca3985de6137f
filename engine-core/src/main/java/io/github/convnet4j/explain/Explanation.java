package io.github.convnet4j.explain;

/**
 * What one explanation says.
 *
 * @param method     how the map was made
 * @param classIndex the class explained
 * @param score      the model's output for that class (a probability for softmax/sigmoid models)
 * @param layer      the layer Grad-CAM read, or null
 * @param heatmap    relevance at the input's resolution, values in [0, 1]
 */
public record Explanation(ExplainMethod method, int classIndex, float score, String layer, Heatmap heatmap) {}
