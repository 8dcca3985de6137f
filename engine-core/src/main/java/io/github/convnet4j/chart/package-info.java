/**
 * Charts as PNG files, drawn with XChart: training curves, scatter plots. Files are written atomically.
 */
package io.github.convnet4j.chart;
