package io.github.convnet4j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.convnet4j.cuda.KernelSignatures.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Without a GPU nothing launches a kernel, so this reads the backend's own sources: every
 * {@code kernels().launch(family, name, grid, args...)} must name a kernel that exists in
 * {@code kernels/cuda/<family>.cu} and pass as many arguments as it declares, each of the Java
 * type that matches its C parameter (int for int, long for long long, float, pointer). The same
 * check runs again at launch time on the GPU ({@link KernelSignatures#check}).
 */
class KernelLaunchSitesTest {
    private static final Pattern CONSTANT = Pattern.compile("static final String (\\w+) = \"([^\"]*)\"");
    private static final Pattern DECLARATION = Pattern.compile("\\b(CUdeviceptr|int|long|float|double)\\s+((?:\\w+\\s*(?:=[^;,(]*(?:\\([^;]*?\\))?[^;,]*)?\\s*,\\s*)*\\w+)\\s*(?:=|;|,|\\))");
    private static final Pattern METHOD = Pattern.compile("\\b(CUdeviceptr|int|long|float|double)\\s+(\\w+)\\(\\)");
    private static final Pattern RECORD = Pattern.compile("record \\w+\\(([^)]*)\\)");
    /** Accessors of the SPI's parameter records, all int. */
    private static final Set<String> INT_ACCESSORS = Set.of("windowH", "windowW", "strideH", "strideW", "padTop", "padLeft",
            "padBottom", "padRight", "dilationH", "dilationW");

    @Test void everyLaunchMatchesItsKernel() throws IOException {
        Path dir = sources();
        assumeTrue(dir != null, "engine-cuda sources are not in this directory tree (running from a binary bundle)");
        Map<String, Map<String, List<Kind>>> families = new HashMap<>();
        for (String family : CudaBackend.KERNEL_FAMILIES) {
            String file = KernelCompiler.RESOURCE_DIR + family + ".cu";
            families.put(family, KernelSignatures.parse(KernelCompiler.readResource(file), file));
        }
        int checked = 0;
        Set<String> launched = new java.util.TreeSet<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        for (Path file : files) {
            String src = stripComments(Files.readString(file));
            Map<String, String> constants = new HashMap<>();
            Matcher c = CONSTANT.matcher(src);
            while (c.find()) constants.put(c.group(1), c.group(2));
            Map<String, Kind> variables = variables(src);
            Map<String, Kind> methods = new HashMap<>();
            Matcher m = METHOD.matcher(src);
            while (m.find()) methods.put(m.group(2), kind(m.group(1)));
            int at = 0;
            while ((at = src.indexOf(".launch(", at)) >= 0) {
                List<String> args = arguments(src, at + ".launch(".length());
                String where = file.getFileName() + " near \"" + src.substring(at, Math.min(src.length(), at + 80)).replaceAll("\\s+", " ") + "\"";
                String family = args.get(0).startsWith("\"") ? unquote(args.get(0)) : constants.get(args.get(0));
                assertNotNull(family, where + ": family " + args.get(0) + " is not a literal or constant");
                Map<String, List<Kind>> kernels = families.get(family);
                assertNotNull(kernels, where + ": no kernel family " + family);
                String region = src.substring(memberStart(src, at), at);
                List<String> names = new ArrayList<>();
                if (args.get(1).startsWith("\"")) {
                    names.add(unquote(args.get(1)));
                } else {
                    // The name is a variable chosen just above (a switch or ternary over literals): check every candidate.
                    String since = region.substring(Math.max(0, region.lastIndexOf(".launch(")));
                    Matcher lit = Pattern.compile("\"(\\w+)\"").matcher(since.startsWith(".launch(") ? since.substring(since.indexOf(';')) : since);
                    while (lit.find()) if (kernels.containsKey(lit.group(1))) names.add(lit.group(1));
                    assertTrue(!names.isEmpty(), where + ": kernel name " + args.get(1) + " is not a literal and no candidate literal precedes it");
                }
                Map<String, Kind> scope = new HashMap<>(variables);
                scope.putAll(variables(region));
                List<String> passed = args.subList(3, args.size());
                for (String name : names) {
                    launched.add(family + "/" + name);
                    List<Kind> expected = kernels.get(name);
                    assertNotNull(expected, where + ": " + family + ".cu has no kernel " + name);
                    assertEquals(expected.size(), passed.size(), where + ": " + name + " takes " + expected + " but gets " + passed);
                    for (int i = 0; i < passed.size(); i++) {
                        Kind k = infer(passed.get(i), scope, methods);
                        assertNotNull(k, where + ": cannot tell the Java type of argument '" + passed.get(i) + "'");
                        assertEquals(expected.get(i), k, where + ": argument " + i + " '" + passed.get(i) + "' of " + name);
                    }
                }
                checked++;
                at++;
            }
        }
        Set<String> declared = new java.util.TreeSet<>();
        families.forEach((family, kernels) -> kernels.keySet().forEach(k -> declared.add(family + "/" + k)));
        assertEquals(declared, launched, "every kernel in kernels/cuda must be launched somewhere (and the scan must find it); "
                + checked + " launch sites read");
    }

    /** Where the class member (method) around {@code at} begins: the last line indented by exactly four spaces. */
    private static int memberStart(String src, int at) {
        Matcher m = Pattern.compile("\n    [^ }@\n]").matcher(src);
        int start = 0;
        while (m.find() && m.start() < at) start = m.start();
        return start;
    }

    private static Path sources() {
        for (String base : List.of("src/main/java", "engine-cuda/src/main/java")) {
            Path p = Path.of(base, "io/github/convnet4j/cuda");
            if (Files.isDirectory(p)) return p;
        }
        return null;
    }

    /** Declared names and their kinds; a name declared with two different kinds maps to null. */
    private static Map<String, Kind> variables(String src) {
        Map<String, Kind> out = new HashMap<>();
        Matcher d = DECLARATION.matcher(src);
        while (d.find()) {
            Kind k = kind(d.group(1));
            for (String part : splitTopLevel(d.group(2))) {
                String name = part.split("=")[0].strip();
                if (!name.matches("\\w+")) continue;
                put(out, name, k);
            }
        }
        Matcher r = RECORD.matcher(src);
        while (r.find()) {
            for (String comp : r.group(1).split(",")) {
                String[] tn = comp.strip().split("\\s+");
                if (tn.length == 2 && kind(tn[0]) != null) put(out, tn[1], kind(tn[0]));
            }
        }
        return out;
    }

    private static void put(Map<String, Kind> out, String name, Kind k) {
        if (out.containsKey(name) && out.get(name) != k) out.put(name, null);
        else out.put(name, k);
    }

    private static Kind infer(String expr, Map<String, Kind> variables, Map<String, Kind> methods) {
        String e = expr.strip();
        for (String t : List.of("float", "int", "long", "double")) if (e.startsWith("(" + t + ")")) return kind(t);
        if (e.matches(".*\\?\\s*\\d+\\s*:\\s*\\d+")) return Kind.INT;
        if (e.matches("\\d+")) return Kind.INT;
        if (e.matches("\\d+L")) return Kind.LONG;
        if (e.startsWith("d.ptr(") || e.equals("CudaKernels.NULL")) return Kind.POINTER;
        if (!e.matches("[\\w.]+(\\(\\d*\\))?")) return null;  // arithmetic without a cast: type not evident
        if (e.matches(".*\\.dim\\(\\d+\\)")) return Kind.INT;
        String last = e.substring(e.lastIndexOf('.') + 1);
        if (last.endsWith("()")) {
            String method = last.substring(0, last.length() - 2);
            return INT_ACCESSORS.contains(method) ? Kind.INT : methods.get(method);
        }
        return variables.get(last);
    }

    private static Kind kind(String javaType) {
        return switch (javaType) {
            case "CUdeviceptr" -> Kind.POINTER;
            case "int" -> Kind.INT;
            case "long" -> Kind.LONG;
            case "float" -> Kind.FLOAT;
            case "double" -> Kind.DOUBLE;
            default -> null;
        };
    }

    /** The comma-separated arguments of the call whose '(' ends just before {@code start}. */
    private static List<String> arguments(String src, int start) {
        int depth = 1;
        int i = start;
        while (depth > 0) {
            char ch = src.charAt(i++);
            if (ch == '(') depth++;
            else if (ch == ')') depth--;
            else if (ch == '"') while (src.charAt(i++) != '"') { /* skip string */ }
        }
        return splitTopLevel(src.substring(start, i - 1));
    }

    private static List<String> splitTopLevel(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '(') depth++;
            else if (ch == ')') depth--;
            else if (ch == ',' && depth == 0) {
                out.add(s.substring(from, i).strip());
                from = i + 1;
            }
        }
        out.add(s.substring(from).strip());
        return out;
    }

    private static String unquote(String s) {
        return s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static String stripComments(String src) {
        return src.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
    }
}
