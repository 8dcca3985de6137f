/**
 * Explanations of a trained model's decisions: saliency, occlusion, Grad-CAM, guided
 * backpropagation and guided Grad-CAM heatmaps, and the overlays that show them. Everything works
 * through {@link io.github.convnet4j.model.Model}'s forward/backward and its
 * {@link io.github.convnet4j.model.LayerHook}, so it runs on any backend and names layers only by name.
 */
package io.github.convnet4j.explain;
