package io.github.convnet4j.conformance;

/**
 * F32 tolerances for batch normalization, shared by the conformance kit and the golden tests.
 * Every output is a smooth function of per-channel sums over M = N*H*W elements, so it is compared
 * with {@link Tolerance#f32Sum}(M, s), doubled where two levels of sums chain (the statistics, then
 * the normalized values or the gradient sums), where s bounds the magnitude of the terms in that
 * output's own units.
 *
 * @param m        elements per channel, N*H*W
 * @param maxXhat  largest |x - mean| * invStd (the normalized input)
 * @param maxX     largest |x|
 * @param maxGamma largest |gamma|
 * @param maxBeta  largest |beta|
 */
public record BatchNormTolerances(long m, double maxXhat, double maxX, double maxGamma, double maxBeta) {
    /** The saved batch mean: a mean's terms are x / M. */
    public Tolerance mean() { return Tolerance.f32Sum(m, maxX / m).times(2); }

    /** {@code 1/sqrt(var + eps)}: its relative error follows the variance's, whose terms reach xhat^2 var. */
    public Tolerance invStd(double maxInvStd) { return Tolerance.f32Sum(m, maxInvStd * maxXhat * maxXhat).times(2); }

    /** {@code y = gamma xhat + beta}. */
    public Tolerance y() { return Tolerance.f32Sum(m, maxGamma * maxXhat + maxBeta).times(2); }

    /** The running mean after one update (old values up to {@code maxOld}). */
    public Tolerance runningMean(double maxOld) { return Tolerance.f32Sum(m, maxX / m + maxOld).times(2); }

    /** The running variance after one update, relative to its size like {@link #invStd}. */
    public Tolerance runningVar(double maxRunningVar) { return Tolerance.f32Sum(m, maxRunningVar * maxXhat * maxXhat).times(2); }

    /** {@code dx = gamma invStd (dy - mean(dy) - xhat mean(dy xhat))}: terms up to |gamma| invStd |dy| (2 + xhat^2). */
    public Tolerance dx(double maxInvStd, double maxDy) {
        return Tolerance.f32Sum(m, maxGamma * maxInvStd * maxDy * (2 + maxXhat * maxXhat)).times(2);
    }

    /** {@code dgamma = sum dy xhat}. */
    public Tolerance dgamma(double maxDy) { return Tolerance.f32Sum(m, maxDy * maxXhat).times(2); }

    /** {@code dbeta = sum dy}: one plain sum. */
    public Tolerance dbeta(double maxDy) { return Tolerance.f32Sum(m, maxDy); }

    /**
     * Inference is pointwise: a few roundings of {@code x - mean}, whose operands reach
     * {@code |x| + |mean|}, scaled by up to {@code maxScale = max |gamma| / sqrt(var + eps)}.
     */
    public static Tolerance inference(double maxX, double maxMean, double maxScale, double maxBeta) {
        double s = (maxX + maxMean) * maxScale + maxBeta;
        return new Tolerance(16 * Tolerance.U * s, 16 * Tolerance.U);
    }

    /** The largest |x - mean[c]| * invStd[c] over {@code x} of shape (N, C, ...) with {@code inner} = H*W. */
    public static double maxNormalized(double[] x, double[] mean, double[] invStd, int inner) {
        int c = mean.length;
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            int ch = (i / inner) % c;
            m = Math.max(m, Math.abs(x[i] - mean[ch]) * invStd[ch]);
        }
        return m;
    }
}
