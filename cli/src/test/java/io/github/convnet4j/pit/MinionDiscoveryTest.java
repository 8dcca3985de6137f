package io.github.convnet4j.pit;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.UniqueId;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/** The discovery shortcut only ever applies to PIT's class-discovery requests inside a mutation minion. */
class MinionDiscoveryTest {
    @Test void aRequestForWholeClassesIsDiscovery() {
        assertTrue(MinionDiscovery.isClassDiscovery(request().selectors(selectClass(MinionDiscoveryTest.class)).build()));
    }

    @Test void aRequestForOneTestIsARealRun() {
        UniqueId one = UniqueId.forEngine("junit-jupiter").append("class", MinionDiscoveryTest.class.getName()).append("method", "aRequestForOneTestIsARealRun()");
        assertFalse(MinionDiscovery.isClassDiscovery(request().selectors(selectUniqueId(one)).build()));
        assertFalse(MinionDiscovery.isClassDiscovery(request().selectors(selectClass(MinionDiscoveryTest.class), selectUniqueId(one)).build()));
        assertFalse(MinionDiscovery.isClassDiscovery(request().build()));
    }

    @Test void isOffOutsideAMutationMinionEvenWithThePropertySet() {
        String old = System.getProperty(MinionDiscovery.PROPERTY);
        System.setProperty(MinionDiscovery.PROPERTY, "true");
        try {
            assertFalse(MinionDiscovery.enabled(), "this JVM runs surefire, not PIT's MutationTestMinion");
            new MinionDiscovery().launcherDiscoveryStarted(request().selectors(selectClass(MinionDiscoveryTest.class)).build());
            assertFalse(MinionDiscovery.discoveryOnly());
        } finally {
            if (old == null) System.clearProperty(MinionDiscovery.PROPERTY);
            else System.setProperty(MinionDiscovery.PROPERTY, old);
        }
    }
}
