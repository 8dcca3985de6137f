package io.github.convnet4j.optim;

/**
 * Builds schedules from spec strings:
 * <ul>
 *   <li>{@code constant}</li>
 *   <li>{@code step[:every=10,factor=0.1]}</li>
 *   <li>{@code exponential[:rate=0.9]} per epoch, or {@code exponential:rate=0.96,per=step,steps=1000}</li>
 *   <li>{@code cosine[:min=0,warmup=0,epochs=<run's epochs>]}</li>
 *   <li>{@code plateau[:monitor=val_loss,factor=0.1,patience=10,min_lr=0,min_delta=1e-4,cooldown=0]}</li>
 * </ul>
 */
public final class LearningRateSchedules {
    /** The names {@link #parse} accepts. */
    public static final String NAMES = "constant, step, exponential, cosine, plateau";

    private LearningRateSchedules() {}

    /**
     * A schedule from its spec; null or blank means constant.
     *
     * @throws IllegalArgumentException with one line naming the bad part and the valid choices
     */
    public static LearningRateSchedule parse(String spec) {
        if (spec == null || spec.isBlank()) return new ConstantSchedule();
        OptionSpec s = OptionSpec.parse("schedule", spec);
        LearningRateSchedule result;
        try {
            result = switch (s.name()) {
                case "constant", "none" -> new ConstantSchedule();
                case "step" -> new StepSchedule(s.integer("every", 10), s.number("factor", 0.1));
                case "exponential", "exp" -> {
                    String per = s.string("per", "epoch");
                    if (!per.equals("epoch") && !per.equals("step")) throw new IllegalArgumentException("per must be epoch or step, got " + per);
                    yield new ExponentialSchedule(s.number("rate", 0.9), per.equals("step"), s.integer("steps", 1));
                }
                case "cosine" -> new CosineSchedule(s.number("min", 0), s.integer("warmup", 0), s.integer("epochs", 0));
                case "plateau", "reduce_on_plateau" -> new ReduceOnPlateau(s.string("monitor", "val_loss"), s.number("factor", 0.1),
                        s.integer("patience", 10), s.number("min_lr", 0), s.number("min_delta", 1e-4), s.integer("cooldown", 0));
                default -> throw new IllegalArgumentException("unknown schedule '" + s.name() + "' (choose " + NAMES + ")");
            };
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            throw new IllegalArgumentException(m.startsWith("schedule") || m.startsWith("unknown") ? m : "schedule '" + spec + "': " + m);
        }
        s.rejectUnknown();
        return result;
    }
}
