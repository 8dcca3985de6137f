package io.github.convnet4j.nn;

/**
 * What a forward pass needs besides its input.
 *
 * @param training true in a training step (dropout active, batch norm uses batch statistics)
 * @param seed     a per-step seed; stochastic layers mix it with their index so that every
 *                 backend and every resumed run draws the same dropout masks
 */
public record ForwardContext(boolean training, int seed) {
    public static final ForwardContext INFERENCE = new ForwardContext(false, 0);
}
