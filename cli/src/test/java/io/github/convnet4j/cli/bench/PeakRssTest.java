package io.github.convnet4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

class PeakRssTest {
    @Test void readsVmHwmInKilobytes() {
        List<String> status = List.of("Name:\tjava", "VmPeak:\t 9999999 kB", "VmHWM:\t  524288 kB", "VmRSS:\t  1000 kB");
        assertEquals(512.0, PeakRss.parse(status).getAsDouble());
    }

    @Test void missingOrOddFieldsGiveNothing() {
        assertFalse(PeakRss.parse(List.of("VmRSS:\t 1000 kB")).isPresent());
        assertFalse(PeakRss.parse(List.of("VmHWM:\t 1000 MB")).isPresent());
        assertFalse(PeakRss.parse(List.of("VmHWM:\t lots kB")).isPresent());
    }
}
