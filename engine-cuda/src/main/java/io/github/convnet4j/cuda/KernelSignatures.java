package io.github.convnet4j.cuda;

import io.github.convnet4j.backend.BackendException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jcuda.driver.CUdeviceptr;

/**
 * The parameter lists of the {@code extern "C" __global__} kernels, read from their source. A
 * launch is checked against them before it is issued: a Java int passed where the kernel takes a
 * {@code long long} would otherwise be read as garbage on the device, silently.
 */
final class KernelSignatures {
    /** How a parameter is passed. */
    enum Kind { POINTER, INT, LONG, FLOAT, DOUBLE }

    private static final Pattern KERNEL = Pattern.compile("extern\\s+\"C\"\\s+__global__\\s+void\\s+(\\w+)\\s*\\(([^)]*)\\)");

    private KernelSignatures() {}

    /** Kernel name to parameter kinds, in declaration order. */
    static Map<String, List<Kind>> parse(String source, String file) {
        Map<String, List<Kind>> out = new LinkedHashMap<>();
        Matcher m = KERNEL.matcher(source);
        while (m.find()) {
            List<Kind> kinds = new ArrayList<>();
            String params = m.group(2).strip();
            if (!params.isEmpty()) {
                for (String p : params.split(",")) kinds.add(kind(p.strip(), m.group(1), file));
            }
            out.put(m.group(1), List.copyOf(kinds));
        }
        return out;
    }

    private static Kind kind(String param, String kernel, String file) {
        if (param.contains("*")) return Kind.POINTER;
        String type = param.replaceAll("\\b(const|__restrict__)\\b", "").strip();
        type = type.substring(0, type.lastIndexOf(' ') < 0 ? type.length() : type.lastIndexOf(' ')).strip().replaceAll("\\s+", " ");
        return switch (type) {
            case "int", "unsigned int", "unsigned" -> Kind.INT;
            case "long long", "unsigned long long" -> Kind.LONG;
            case "float" -> Kind.FLOAT;
            case "double" -> Kind.DOUBLE;
            default -> throw new BackendException("cuda kernels: " + file + " kernel " + kernel + " has parameter '" + param
                    + "' of a type the launcher cannot pass (use a pointer, int, unsigned int, long long, float or double)");
        };
    }

    /** The kind a launch argument is passed as, or null for an unsupported Java type. */
    static Kind of(Object arg) {
        if (arg instanceof CUdeviceptr) return Kind.POINTER;
        if (arg instanceof Integer) return Kind.INT;
        if (arg instanceof Long) return Kind.LONG;
        if (arg instanceof Float) return Kind.FLOAT;
        if (arg instanceof Double) return Kind.DOUBLE;
        return null;
    }

    /** Throws when {@code args} do not match {@code expected} in number and kind. */
    static void check(String kernel, List<Kind> expected, Object[] args) {
        boolean ok = expected.size() == args.length;
        for (int i = 0; ok && i < args.length; i++) ok = of(args[i]) == expected.get(i);
        if (!ok) {
            List<Object> given = new ArrayList<>();
            for (Object a : args) given.add(of(a) == null ? (a == null ? "null" : a.getClass().getSimpleName()) : of(a));
            throw new BackendException("cuda kernels: " + kernel + " takes " + expected + " but was launched with " + given);
        }
    }
}
