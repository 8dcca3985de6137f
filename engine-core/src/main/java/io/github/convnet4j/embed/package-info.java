/**
 * Low-dimensional maps of feature vectors: Barnes-Hut t-SNE, its input affinities, the
 * trustworthiness score that measures how well a map keeps neighbourhoods, and nearest neighbours.
 */
package io.github.convnet4j.embed;
