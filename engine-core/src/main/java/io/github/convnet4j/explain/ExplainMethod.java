package io.github.convnet4j.explain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The explanation methods, by their CLI names. */
public enum ExplainMethod {
    /** |d logit / d input|, max over channels (Simonyan et al., 2014). */
    SALIENCY("saliency"),
    /** Drop in the class probability when a patch is greyed out (Zeiler and Fergus, 2014). */
    OCCLUSION("occlusion"),
    /** ReLU of the gradient-weighted sum of a layer's feature maps, upsampled (Selvaraju et al., 2017). */
    GRADCAM("gradcam"),
    /** The input gradient with only positive gradients passed back through ReLUs (Springenberg et al., 2015). */
    GUIDED_BACKPROP("guided-backprop"),
    /** Guided backpropagation times Grad-CAM. */
    GUIDED_GRADCAM("guided-gradcam");

    private final String cliName;

    ExplainMethod(String cliName) { this.cliName = cliName; }

    /** The name used on the command line and in JSON. */
    public String cliName() { return cliName; }

    /** Whether the method reads a spatial layer (Grad-CAM and guided Grad-CAM). */
    public boolean usesLayer() { return this == GRADCAM || this == GUIDED_GRADCAM; }

    /** @throws IllegalArgumentException listing the methods there are */
    public static ExplainMethod parse(String name) {
        for (ExplainMethod m : values()) if (m.cliName.equals(name.toLowerCase(Locale.ROOT))) return m;
        throw new IllegalArgumentException("unknown explanation method " + name + "; methods: "
                + Arrays.stream(values()).map(ExplainMethod::cliName).collect(Collectors.joining(", ")));
    }
}
