package io.github.convnet4j.cli;

import io.github.convnet4j.backend.BackendProvider;
import io.github.convnet4j.backend.BackendRegistry;
import io.github.convnet4j.backend.DeviceInfo;
import io.github.convnet4j.backend.JvmSignalHandlers;
import io.github.convnet4j.backend.Probe;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code convnet devices}: every backend, usable or not, with the reason and its devices. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List every backend, whether it is usable and why, and its devices.")
final class DevicesCommand implements Callable<Integer> {
    @Option(names = "--verbose", description = "Print stack traces on errors.") boolean verbose;

    @Override
    public Integer call() {
        BackendRegistry registry = BackendRegistry.discover();
        String chosen = null;
        for (BackendProvider p : registry.providers()) {
            Probe probe = p.probe();
            if (probe.forAuto() && chosen == null) chosen = p.name();
            System.out.printf("%-7s %-13s %s%n", p.name(), probe.available() ? "available" : "unavailable", probe.reason());
            if (!probe.available()) continue;
            for (DeviceInfo d : p.devices()) {
                System.out.printf("        %s:%s  %s%n", p.name(), d.id(), d.name());
                for (String prop : d.properties()) System.out.printf("            %s%n", prop);
            }
        }
        System.out.println(chosen == null ? "--device auto: nothing available" : "--device auto picks: " + chosen);
        JvmSignalHandlers.takeoverWarning().ifPresent(System.err::println);
        return 0;
    }
}
