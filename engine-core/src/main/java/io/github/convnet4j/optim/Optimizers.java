package io.github.convnet4j.optim;

/**
 * Builds optimizers from names and spec strings:
 * <ul>
 *   <li>{@code sgd[:lr=0.01,momentum=0,nesterov=false]}</li>
 *   <li>{@code momentum[:lr=0.01,momentum=0.9,nesterov=false]} (SGD with momentum 0.9)</li>
 *   <li>{@code nesterov[:lr=0.01,momentum=0.9]} (SGD with Nesterov momentum 0.9)</li>
 *   <li>{@code adam[:lr=0.001,beta1=0.9,beta2=0.999,epsilon=1e-7]}</li>
 *   <li>{@code rmsprop[:lr=0.001,rho=0.9,epsilon=1e-7]}</li>
 * </ul>
 * Every kind also takes {@code clipnorm}, {@code global_clipnorm} and {@code clipvalue}
 * ({@link GradientClipping}). Defaults are Keras's.
 */
public final class Optimizers {
    /** The names {@link #parse} accepts. */
    public static final String NAMES = "sgd, momentum, nesterov, adam, rmsprop";

    private Optimizers() {}

    /**
     * An optimizer from a spec string.
     *
     * @throws IllegalArgumentException with one line naming the bad part and the valid choices
     */
    public static Optimizer parse(String spec) {
        return build(OptionSpec.parse("optimizer", spec), Double.NaN);
    }

    /**
     * An optimizer by name with a learning rate (NaN: the kind's default); {@code name} may carry
     * options as in {@link #parse}, but then must not also set lr.
     */
    public static Optimizer create(String name, double learningRate) {
        OptionSpec s = OptionSpec.parse("optimizer", name);
        if (!Double.isNaN(learningRate) && !Double.isNaN(s.number("lr", Double.NaN))) {
            throw new IllegalArgumentException("optimizer '" + name + "': learning rate given twice");
        }
        return build(s, learningRate);
    }

    private static Optimizer build(OptionSpec s, double lrOverride) {
        double clipNorm = s.number("clipnorm", 0);
        double globalClipNorm = s.number("global_clipnorm", 0);
        double clipValue = s.number("clipvalue", 0);
        Optimizer o = switch (s.name()) {
            case "sgd", "momentum", "nesterov" -> {
                boolean defaultsMomentum = !s.name().equals("sgd");
                double lr = lr(s, lrOverride, Sgd.DEFAULT_LEARNING_RATE);
                double momentum = s.number("momentum", defaultsMomentum ? 0.9 : 0);
                boolean nesterov = s.bool("nesterov", s.name().equals("nesterov"));
                yield new Sgd(lr, momentum, nesterov, clipping(s, clipNorm, globalClipNorm, clipValue));
            }
            case "adam" -> new Adam(lr(s, lrOverride, Adam.DEFAULT_LEARNING_RATE), s.number("beta1", 0.9),
                    s.number("beta2", 0.999), s.number("epsilon", 1e-7), clipping(s, clipNorm, globalClipNorm, clipValue));
            case "rmsprop" -> new RmsProp(lr(s, lrOverride, RmsProp.DEFAULT_LEARNING_RATE), s.number("rho", 0.9),
                    s.number("epsilon", 1e-7), clipping(s, clipNorm, globalClipNorm, clipValue));
            default -> throw new IllegalArgumentException("unknown optimizer '" + s.name() + "' (choose " + NAMES + ")");
        };
        s.rejectUnknown();
        return o;
    }

    private static double lr(OptionSpec s, double override, double fallback) {
        double given = s.number("lr", Double.NaN);
        if (!Double.isNaN(given)) return given;
        return Double.isNaN(override) ? fallback : override;
    }

    private static GradientClipping clipping(OptionSpec s, double clipNorm, double global, double value) {
        try {
            return new GradientClipping(clipNorm, global, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("optimizer spec for " + s.name() + ": " + e.getMessage());
        }
    }
}
