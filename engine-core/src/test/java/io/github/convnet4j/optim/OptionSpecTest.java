package io.github.convnet4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The {@code name[:key=value,...]} syntax shared by optimizers, schedules, augmentations and more.
 *
 * <p>Equivalent mutant left alone: the constructor's {@code colon >= 0} moved to {@code colon > 0}
 * differs only for a leading ':', whose empty name is refused on the line before.
 */
class OptionSpecTest {
    private static String refused(String text) {
        return assertThrows(IllegalArgumentException.class, () -> OptionSpec.parse("optimizer", text)).getMessage();
    }

    @Test void anEmptySpecOrNameIsOneLine() {
        assertEquals("optimizer: empty spec", refused(null));
        assertEquals("optimizer: empty spec", refused("  "));
        assertEquals("optimizer ':lr=0.1': missing name", refused(":lr=0.1"));
        assertEquals("optimizer ' : ': missing name", refused(" : "));
    }

    @Test void nameIsLowerCaseWithUnderscores() {
        OptionSpec s = OptionSpec.parse("optimizer", " RMS-Prop : lr = 0.5 ");
        assertEquals("rms_prop", s.name());
        assertEquals(0.5, s.number("lr", 1));
        assertEquals("adam", OptionSpec.parse("optimizer", "adam:").name());
    }
}
