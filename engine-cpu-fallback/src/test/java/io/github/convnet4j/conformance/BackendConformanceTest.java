package io.github.convnet4j.conformance;

import io.github.convnet4j.backend.BackendProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The conformance kit as JUnit tests: every family of {@link ConformanceKit} (every op on the
 * backend under test in F32 against the CPU backend running the same inputs in F64, compared with
 * {@link Tolerance}), one dynamic container per family and group, one dynamic test per case, named
 * after its shapes and parameters. A backend's test is a subclass naming its provider:
 *
 * <pre>{@code
 * class OpenClConformanceTest extends BackendConformanceTest {
 *     @Override protected BackendProvider provider() { return new OpenClBackendProvider(); }
 * }
 * }</pre>
 *
 * Where the device is absent each family is reported as one skipped test with the probe's reason,
 * unless {@code -Dconvnet.require} names the backend, which fails instead (see {@link BackendRequirement}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendConformanceTest {
    private BackendPair pair;
    /** Why the backend under test is absent (its cases are reported skipped), or null. */
    private String absent;

    /** The backend under test. */
    protected abstract BackendProvider provider();

    @BeforeAll
    void openBackends() {
        BackendProvider provider = provider();
        absent = BackendRequirement.unavailableReason(provider);
        if (absent == null) pair = BackendPair.open(provider);
    }

    @AfterAll
    void closeBackends() {
        if (pair != null) pair.close();
    }

    /**
     * The cases of {@link ConformanceKit}'s family {@code name} (one factory method per family, so
     * test reports name the family; {@link #everyFamilyOfTheKitHasAFactory} keeps them complete).
     * Every case but the tensor contract's (which checks the backend alone, by expectations) must
     * compare something with the reference: a case whose body lost its op call or its check would
     * otherwise pass on any backend.
     */
    private Stream<DynamicNode> family(String name) {
        ConformanceKit.Family f = ConformanceKit.family(name);
        boolean compares = !name.equals("tensor-contract");
        return absent != null ? BackendRequirement.skipped(name, absent) : f.cases().apply(pair).map(n -> dynamic(n, compares));
    }

    @TestFactory Stream<DynamicNode> tensorContract() { return family("tensor-contract"); }

    @TestFactory Stream<DynamicNode> conv() { return family("conv"); }

    @TestFactory Stream<DynamicNode> depthwiseConv() { return family("depthwise-conv"); }

    @TestFactory Stream<DynamicNode> conv3d() { return family("conv3d"); }

    @TestFactory Stream<DynamicNode> pool() { return family("pool"); }

    @TestFactory Stream<DynamicNode> upsample() { return family("upsample"); }

    @TestFactory Stream<DynamicNode> gemm() { return family("gemm"); }

    @TestFactory Stream<DynamicNode> activation() { return family("activation"); }

    @TestFactory Stream<DynamicNode> normalization() { return family("normalization"); }

    @TestFactory Stream<DynamicNode> loss() { return family("loss"); }

    @TestFactory Stream<DynamicNode> optimizer() { return family("optimizer"); }

    @TestFactory Stream<DynamicNode> elementwise() { return family("elementwise"); }

    @TestFactory Stream<DynamicNode> dropout() { return family("dropout"); }

    @TestFactory Stream<DynamicNode> reduction() { return family("reduction"); }

    @TestFactory Stream<DynamicNode> merge() { return family("merge"); }

    /** A family added to the kit without a factory here would silently not run in the JUnit kit. */
    @Test void everyFamilyOfTheKitHasAFactory() {
        Set<String> methods = Arrays.stream(BackendConformanceTest.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(TestFactory.class)).map(Method::getName).collect(Collectors.toSet());
        for (ConformanceKit.Family f : ConformanceKit.families()) {
            String camel = camelCase(f.name());
            assertTrue(methods.contains(camel), "family '" + f.name() + "' has no @TestFactory " + camel + "() in BackendConformanceTest");
        }
        assertEquals(ConformanceKit.families().size(), methods.size(), "factories " + methods + " vs the kit's families");
    }

    private static String camelCase(String name) {
        String[] words = name.split("-");
        StringBuilder b = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) b.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        return b.toString();
    }

    /** The JUnit form of a kit node: a container per group, a test per case; {@code compares}: each case must compare something. */
    static DynamicNode dynamic(CaseNode node, boolean compares) {
        if (node instanceof CaseGroup g) return DynamicContainer.dynamicContainer(g.name(), g.children().stream().map(n -> dynamic(n, compares)));
        ConformanceCase c = (ConformanceCase) node;
        return DynamicTest.dynamicTest(c.name(), () -> {
            int[] comparisons = {0};
            c.run(x -> comparisons[0]++);
            assertTrue(!compares || comparisons[0] > 0, c.fullName() + ": the case compared nothing with the reference");
        });
    }
}
