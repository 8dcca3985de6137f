package io.github.convnet4j.cli;

import io.github.convnet4j.backend.BackendProvider;
import io.github.convnet4j.backend.BackendRegistry;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converters that check option values while the command line is parsed, so a bad value is a
 * usage error (one line, exit code 2) before any data is read.
 */
final class OptionValues {
    private OptionValues() {}

    /** An integer of at least 1 ({@code --batch-size}, {@code --epochs}, {@code --count}, ...). */
    static final class Positive implements ITypeConverter<Integer> {
        @Override public Integer convert(String value) {
            int v = integer(value);
            if (v < 1) throw new TypeConversionException("'" + value + "' must be an integer >= 1");
            return v;
        }
    }

    /** An integer of at least 0 ({@code --checkpoint-every}, {@code --freeze}). */
    static final class NonNegative implements ITypeConverter<Integer> {
        @Override public Integer convert(String value) {
            int v = integer(value);
            if (v < 0) throw new TypeConversionException("'" + value + "' must be an integer >= 0");
            return v;
        }
    }

    /** {@code auto} or the name of a backend on the class path, optionally with {@code :<id>}. */
    static final class Device implements ITypeConverter<String> {
        @Override public String convert(String value) {
            String spec = value.trim().toLowerCase(Locale.ROOT);
            if (spec.equals("auto")) return value;
            int colon = spec.indexOf(':');
            String name = colon < 0 ? spec : spec.substring(0, colon);
            List<String> names = BackendRegistry.discover().providers().stream().map(BackendProvider::name).toList();
            if (!names.contains(name)) {
                throw new TypeConversionException("unknown device '" + value + "' (choose auto, " + String.join(", ", names) + ")");
            }
            return value;
        }
    }

    private static int integer(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not an integer (or does not fit 32 bits)");
        }
    }
}
