package io.github.convnet4j.io;

/** Turns names that come from files (a model's or a layer's name) into safe file-name parts. */
public final class FileNames {
    /** Longest component {@link #safeComponent} returns. */
    public static final int MAX_LENGTH = 100;

    private FileNames() {}

    /**
     * One path component that stays where it is put: letters, digits, {@code _}, {@code -} and
     * {@code .} are kept, everything else (separators, spaces, control characters) becomes
     * {@code _}; leading dots are dropped (no {@code ..}, no hidden files), and the result is cut
     * to {@link #MAX_LENGTH} characters. {@code "../../ESCAPED"} becomes {@code "_.._ESCAPED"}.
     *
     * @param fallback returned when nothing usable is left (null or empty name)
     */
    public static String safeComponent(String name, String fallback) {
        if (name == null) return fallback;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < name.length() && b.length() < MAX_LENGTH; i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
            if (c == '.' && b.isEmpty()) continue;
            b.append(ok ? c : '_');
        }
        return b.isEmpty() ? fallback : b.toString();
    }
}
