package io.github.convnet4j.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "Did you mean": the nearest candidate by edit distance, accepted within max(2, length / 4) edits
 * or when one name is a prefix of the other (names of 4 characters or more).
 */
class SuggestionsTest {
    private static final List<String> LAYERS = List.of("Conv2D", "Dense", "Flatten", "MaxPooling2D");

    @Test void oneSubstitutionInsertionOrDeletionIsSuggested() {
        assertEquals("Conv2D", Suggestions.nearest("Conv2d", LAYERS));
        assertEquals("Flatten", Suggestions.nearest("Flaten", LAYERS));
        assertEquals("Dense", Suggestions.nearest("Denses", LAYERS));
        // A swap is two edits: still within the limit of 2 for short names.
        assertEquals("Dense", Suggestions.nearest("Desne", LAYERS));
    }

    @Test void theLimitIsTwoEditsOrAQuarterOfTheLength() {
        // 16 characters: up to 4 edits.
        assertEquals("abcdefghijklWXYZ", Suggestions.nearest("abcdefghijklmnop", List.of("abcdefghijklWXYZ")));
        assertNull(Suggestions.nearest("abcdefghijklmnop", List.of("abcdefghijkVWXYZ")));
        // 8 characters: still 2 (not 8 / 4 rounded up to 3).
        assertEquals("abcdefXY", Suggestions.nearest("abcdefgh", List.of("abcdefXY")));
        assertNull(Suggestions.nearest("abcdefgh", List.of("abcdeXYZ")));
        // A deletion at the front counts once, like any other edit.
        assertEquals("bcdefghijklmnop", Suggestions.nearest("abcdefghijklmnop", List.of("bcdefghijklmnop")));
    }

    @Test void aPrefixEitherWayIsSuggestedFromFourCharacters() {
        assertEquals("resnet-small", Suggestions.nearest("resnet", List.of("resnet-small", "vgg-small")));
        assertEquals("vgg-small", Suggestions.nearest("vgg-", List.of("resnet-small", "vgg-small")));
        assertEquals("dense", Suggestions.nearest("densenet", List.of("dense", "flatten")));
        assertNull(Suggestions.nearest("vgg", List.of("vgg-small-and-more")), "3 characters are too few for the prefix rule");
    }

    @Test void theFirstOfEquallyNearCandidatesWinsAndNothingFarIsSuggested() {
        assertEquals("bat", Suggestions.nearest("cat", List.of("bat", "hat")));
        assertEquals("hat", Suggestions.nearest("cat", List.of("hat", "bat")));
        assertEquals("cat", Suggestions.nearest("cat", List.of("bat", "cat", "hat")), "an exact match beats a near one");
        assertNull(Suggestions.nearest("optimizer", List.of("loss", "epochs")));
        assertNull(Suggestions.nearest("anything", List.of()));
        // 4 edits from a 2-character name: the distance is not capped at the name's length.
        assertNull(Suggestions.nearest("ab", List.of("wxyz")));
    }

    @Test void didYouMeanWrapsTheSuggestionOrSaysNothing() {
        assertEquals(" (did you mean 'Conv2D'?)", Suggestions.didYouMean("conv2D", LAYERS));
        assertEquals("", Suggestions.didYouMean("Transformer", LAYERS));
    }
}
