package io.github.convnet4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultLineTest {
    /** A line exactly as bench/pytorch_peer.py prints it. */
    private static final String PEER = "RESULT net=keras-mnist imgs_per_s=142.5 peak_rss_mb=320.6 side=pytorch device=cpu threads=2 "
            + "batch=64 warmup=2 steps=5 samples=448 data=fashion-mnist params=93322 trainable_params=93322 step_ms_median=458.69 torch=1.13.0a0";

    @Test void parsesThePeersLine() {
        ResultLine r = ResultLine.parse(PEER);
        assertEquals("keras-mnist", r.net());
        assertEquals("pytorch", r.side());
        assertEquals(142.5, r.imagesPerSecond());
        assertEquals(320.6, r.peakRssMb());
        assertEquals("1.13.0a0", r.get("torch"));
        assertEquals(15, r.fields().size());
    }

    @Test void formatThenParseGivesTheSameFieldsInOrder() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("net", "vgg-small");
        f.put("imgs_per_s", "12.0");
        f.put("peak_rss_mb", "n/a");
        f.put("side", "ours");
        ResultLine r = new ResultLine(f);
        assertEquals("RESULT net=vgg-small imgs_per_s=12.0 peak_rss_mb=n/a side=ours", r.format());
        ResultLine back = ResultLine.parse(r.format());
        assertEquals(r.fields(), back.fields());
        assertEquals(java.util.List.copyOf(r.fields().keySet()), java.util.List.copyOf(back.fields().keySet()));
        assertTrue(Double.isNaN(back.peakRssMb()));
    }

    @Test void toleratesExtraSpacesButNotMissingKeys() {
        assertEquals(5.0, ResultLine.parse("RESULT  net=a   imgs_per_s=5 peak_rss_mb=1 side=ours ").imagesPerSecond());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResultLine.parse("RESULT net=a peak_rss_mb=1 side=ours"));
        assertTrue(e.getMessage().contains("imgs_per_s"), e.getMessage());
    }

    @Test void rejectsMalformedTokensAndRates() {
        assertThrows(IllegalArgumentException.class, () -> ResultLine.parse("RESULT net=a imgs_per_s=5 peak_rss_mb=1 side=ours junk"));
        assertThrows(IllegalArgumentException.class, () -> ResultLine.parse("RESULT net=a imgs_per_s= peak_rss_mb=1 side=ours"));
        assertThrows(IllegalArgumentException.class, () -> ResultLine.parse("RESULT net=a net=b imgs_per_s=5 peak_rss_mb=1 side=ours"));
        assertThrows(IllegalArgumentException.class, () -> ResultLine.parse("RESULT net=a imgs_per_s=fast peak_rss_mb=1 side=ours"));
        assertThrows(IllegalArgumentException.class, () -> ResultLine.parse("RESULT net=a imgs_per_s=0 peak_rss_mb=1 side=ours"));
        assertThrows(IllegalArgumentException.class, () -> ResultLine.parse("RESULT net=a imgs_per_s=n/a peak_rss_mb=1 side=ours"));
        assertThrows(IllegalArgumentException.class, () -> ResultLine.parse("RESULT net=a imgs_per_s=Infinity peak_rss_mb=1 side=ours"));
    }

    @Test void recognisesOnlyResultLines() {
        assertTrue(ResultLine.isResultLine(PEER));
        assertFalse(ResultLine.isResultLine("RESULTS net=a"));
        assertFalse(ResultLine.isResultLine("training: 12 img/s"));
        assertFalse(ResultLine.isResultLine(null));
        assertThrows(IllegalArgumentException.class, () -> ResultLine.parse("training: 12 img/s"));
    }

    @Test void valuesWithSpacesCannotBeWritten() {
        assertThrows(IllegalArgumentException.class,
                () -> new ResultLine(Map.of("net", "a b", "imgs_per_s", "1", "peak_rss_mb", "1", "side", "ours")));
    }

    @Test void decimalsUseADotWhateverTheLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            assertEquals("1234.50", ResultLine.decimal(1234.5, 2));
            assertEquals("n/a", ResultLine.decimal(Double.NaN, 1));
        } finally {
            java.util.Locale.setDefault(before);
        }
    }
}
