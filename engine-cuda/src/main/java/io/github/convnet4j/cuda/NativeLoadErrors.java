package io.github.convnet4j.cuda;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what went wrong from the errors JCuda throws while loading its JNI libraries. Those
 * messages are long (JCuda nests both load attempts with stack traces); the useful part is the
 * system library the dynamic linker could not find, e.g. {@code libcuda.so.1}.
 */
final class NativeLoadErrors {
    private static final Pattern MISSING = Pattern.compile("([A-Za-z0-9_.+-]+\\.so(?:\\.[0-9]+)*): cannot open shared object file");
    private static final Pattern UNDEFINED = Pattern.compile("undefined symbol: ([A-Za-z0-9_]+)");

    private NativeLoadErrors() {}

    /** The shared library the dynamic linker could not open, or null when that is not the problem. */
    static String missingLibrary(Throwable t) {
        Matcher m = MISSING.matcher(allMessages(t));
        return m.find() ? m.group(1) : null;
    }

    /** One short line for any load failure: the missing library, an undefined symbol, or the first message line. */
    static String summary(Throwable t) {
        String all = allMessages(t);
        Matcher m = MISSING.matcher(all);
        if (m.find()) return m.group(1) + " not found";
        Matcher u = UNDEFINED.matcher(all);
        if (u.find()) return "undefined symbol " + u.group(1) + " (library version mismatch)";
        String first = t.toString();
        int nl = first.indexOf('\n');
        return nl < 0 ? first : first.substring(0, nl);
    }

    private static String allMessages(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable x = t; x != null; x = x.getCause() == x ? null : x.getCause()) {
            b.append(x).append('\n');
        }
        return b.toString();
    }
}
