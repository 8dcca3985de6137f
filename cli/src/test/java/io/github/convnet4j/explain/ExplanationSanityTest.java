package io.github.convnet4j.explain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sanity checks from the literature, on keras-mnist trained briefly on Fashion-MNIST
 * ({@link TrainedFashionModel}), over the first 100 test images:
 * <ul>
 *   <li>model randomisation (Adebayo et al., 2018): maps of the trained model and of the same
 *       architecture with fresh random weights must differ (Spearman rank correlation below 0.5 on most images);
 *   <li>localisation: most of a map's mass lies on the object, not on the black background;
 *   <li>deletion (Petsiuk et al., 2018): zeroing pixels in the map's order drops the class probability
 *       faster than zeroing them in random order.
 * </ul>
 * Each test prints its numbers (the README quotes them).
 */
class ExplanationSanityTest {
    static final int IMAGES = 100;
    /** Occlusion patch and stride (the CLI defaults to stride 2; 4 keeps the test fast). */
    static final int PATCH = 4, STRIDE = 4;
    static TrainedFashionModel f;
    static ModelProbe trained;
    static ModelProbe untrained;

    @BeforeAll static void train() throws Exception {
        f = TrainedFashionModel.get();
        trained = new ModelProbe(f.trained);
        untrained = new ModelProbe(f.untrained);
    }

    @AfterAll static void release() {
        trained.close();
        untrained.close();
    }

    /**
     * Grad-CAM is checked at keras-mnist's default layer (conv2d_3, 3×3) and at conv2d_2 (11×11);
     * saliency on the object's pixels, because on the black background an untrained net with zero
     * biases is silent exactly where the trained one is, which alone correlates the two maps. Guided
     * Grad-CAM passes through its Grad-CAM factor (weighted by the plain gradient, as published).
     */
    @ParameterizedTest
    @CsvSource({"saliency,,true", "occlusion,,false", "gradcam,,false", "gradcam,conv2d_2,false", "guided-gradcam,,false"})
    void randomisedWeightsGiveADifferentMap(String method, String layer, boolean objectOnly) {
        int[] below = randomisation(ExplainMethod.parse(method), layer);
        int n = objectOnly ? below[1] : below[0];
        assertTrue(n > IMAGES / 2, method + ": Spearman < 0.5 on only " + n + "/" + IMAGES + " images");
    }

    /**
     * Guided backpropagation fails the randomisation check, as Adebayo et al. found: its map mostly
     * reconstructs the input's edges whatever the weights. This pins that known limit, so the README's
     * warning stays true.
     */
    @ParameterizedTest
    @CsvSource({"guided-backprop"})
    void guidedMethodsBarelyDependOnTheWeights(String method) {
        int[] below = randomisation(ExplainMethod.parse(method), null);
        assertTrue(below[1] < IMAGES / 2, method + ": Spearman < 0.5 on " + below[1] + "/" + IMAGES + " images; the README says it fails this check");
    }

    /** @return images with Spearman &lt; 0.5 over the whole map and over the object's pixels */
    int[] randomisation(ExplainMethod method, String layer) {
        Explainer a = new Explainer(trained, method, layer, PATCH, STRIDE), b = new Explainer(untrained, method, layer, PATCH, STRIDE);
        int below = 0, belowOnObject = 0;
        double sum = 0, sumOnObject = 0;
        for (int i = 0; i < IMAGES; i++) {
            float[] x = f.image(i);
            float[] p = a.explain(x, f.test.label(i)).heatmap().values(), q = b.explain(x, f.test.label(i)).heatmap().values();
            double rho = MapStatistics.spearman(p, q);
            double rhoObject = MapStatistics.spearman(MapStatistics.onObject(p, x), MapStatistics.onObject(q, x));
            sum += rho;
            sumOnObject += rhoObject;
            if (rho < 0.5) below++;
            if (rhoObject < 0.5) belowOnObject++;
        }
        System.out.printf(Locale.ROOT, "randomisation %-16s Spearman < 0.5 on %d/%d images, mean %.3f; on object pixels only: < 0.5 on %d, mean %.3f%n",
                method.cliName() + (layer == null ? "" : "@" + layer), below, IMAGES, sum / IMAGES, belowOnObject, sumOnObject / IMAGES);
        return new int[] {below, belowOnObject};
    }

    /** Grad-CAM at conv2d_2: keras-mnist's last 3×3 map is too coarse to localise (the README gives its number). */
    @ParameterizedTest
    @CsvSource({"saliency,", "occlusion,", "gradcam,conv2d_2", "guided-backprop,", "guided-gradcam,"})
    void mostOfTheMassIsOnTheObject(String method, String layer) { localisation(ExplainMethod.parse(method), layer); }

    void localisation(ExplainMethod method, String layer) {
        Explainer e = new Explainer(trained, method, layer, PATCH, STRIDE);
        double sum = 0, area = 0;
        int most = 0, empty = 0;
        for (int i = 0; i < IMAGES; i++) {
            float[] x = f.image(i);
            double share = MapStatistics.massOnObject(e.explain(x, f.test.label(i)).heatmap().values(), x, 0f);
            int on = 0;
            for (float v : x) if (v > 0) on++;
            area += (double) on / x.length;
            if (Double.isNaN(share)) {
                empty++; // an all-zero map (Grad-CAM when every weighted map is negative) puts mass nowhere
                continue;
            }
            sum += share;
            if (share > 0.5) most++;
        }
        int counted = IMAGES - empty;
        System.out.printf(Locale.ROOT, "localisation  %-16s mass on the object %.3f (object covers %.3f of the image), > 0.5 on %d/%d maps (%d empty)%n",
                method.cliName() + (layer == null ? "" : "@" + layer), sum / counted, area / IMAGES, most, counted, empty);
        assertTrue(counted >= IMAGES / 2, method.cliName() + ": " + empty + " empty maps");
        assertTrue(sum / counted > 0.5, method.cliName() + ": mean share of mass on the object " + sum / counted);
    }

    /** Grad-CAM at conv2d_2: at the last 3×3 map deletion is no faster than random (the README gives its number). */
    @ParameterizedTest
    @CsvSource({"saliency,", "occlusion,", "gradcam,conv2d_2", "guided-backprop,", "guided-gradcam,"})
    void deletingTopRankedPixelsDropsTheScoreFasterThanRandom(String method, String layer) { deletion(ExplainMethod.parse(method), layer); }

    void deletion(ExplainMethod method, String layer) {
        Explainer e = new Explainer(trained, method, layer, PATCH, STRIDE);
        double ranked = 0, random = 0;
        int wins = 0;
        for (int i = 0; i < IMAGES; i++) {
            float[] x = f.image(i);
            Explanation ex = e.explain(x, -1);
            int k = ex.classIndex(), width = 10;
            java.util.function.Function<float[], float[]> score = batch -> {
                int n = batch.length / x.length;
                float[] out = trained.outputs(batch, n), s = new float[n];
                for (int j = 0; j < n; j++) s[j] = out[j * width + k];
                return s;
            };
            double r = MapStatistics.deletionArea(x, MapStatistics.byDecreasingValue(ex.heatmap().values(), i), 20, score);
            double q = MapStatistics.deletionArea(x, MapStatistics.randomOrder(x.length, 1000 + i), 20, score);
            ranked += r;
            random += q;
            if (r < q) wins++;
        }
        System.out.printf(Locale.ROOT, "deletion      %-16s area under the class-probability curve %.3f by the map, %.3f at random; map faster on %d/%d images%n",
                method.cliName() + (layer == null ? "" : "@" + layer), ranked / IMAGES, random / IMAGES, wins, IMAGES);
        assertTrue(ranked < random, method.cliName() + ": deletion area " + ranked / IMAGES + " by the map, " + random / IMAGES + " at random");
    }
}
