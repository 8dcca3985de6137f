package io.github.convnet4j.pit;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Skips test bodies while {@link MinionDiscovery} says the request only discovers tests.
 *
 * <p>Skipped: test methods, template invocations (parameterized tests) and dynamic tests; and the
 * lifecycle methods ({@code @BeforeAll}, {@code @BeforeEach}, {@code @AfterEach}, {@code @AfterAll})
 * of a class whose tests are all plain {@code @Test} methods, in it and its {@code @Nested} classes
 * (a set-up that trains a model costs seconds in every discovery). Constructors, test factories and
 * argument sources still run, and so do the lifecycle methods of a class with a factory or a
 * template: the dynamic tests and invocations a class has are known only by running them, and a
 * factory may depend on its class's set-up. Auto-detected as a Jupiter extension, which the mutation
 * profile enables for its minions alone.
 */
public final class DiscoveryBodySkipper implements InvocationInterceptor {

    private static final Map<Class<?>, Boolean> PLAIN = new ConcurrentHashMap<>();

    @Override
    public void interceptTestMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> context, ExtensionContext extension) throws Throwable {
        proceedUnlessDiscovering(invocation);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> context, ExtensionContext extension) throws Throwable {
        proceedUnlessDiscovering(invocation);
    }

    @Override
    public void interceptDynamicTest(Invocation<Void> invocation,
            DynamicTestInvocationContext context, ExtensionContext extension) throws Throwable {
        proceedUnlessDiscovering(invocation);
    }

    @Override
    public void interceptBeforeAllMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> context, ExtensionContext extension) throws Throwable {
        proceedUnlessDiscoveringPlain(invocation, extension);
    }

    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> context, ExtensionContext extension) throws Throwable {
        proceedUnlessDiscoveringPlain(invocation, extension);
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> context, ExtensionContext extension) throws Throwable {
        proceedUnlessDiscoveringPlain(invocation, extension);
    }

    @Override
    public void interceptAfterAllMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> context, ExtensionContext extension) throws Throwable {
        proceedUnlessDiscoveringPlain(invocation, extension);
    }

    /** Whether every test of {@code testClass} and of its nested classes is a plain method, known without running anything. */
    static boolean onlyPlainTests(Class<?> testClass) {
        return PLAIN.computeIfAbsent(testClass, DiscoveryBodySkipper::findOnlyPlainTests);
    }

    private static boolean findOnlyPlainTests(Class<?> c) {
        boolean generated = !ReflectionSupport.findMethods(c, m -> AnnotationSupport.isAnnotated(m, TestFactory.class)
                || AnnotationSupport.isAnnotated(m, TestTemplate.class), HierarchyTraversalMode.TOP_DOWN).isEmpty();
        return !generated && ReflectionSupport.findNestedClasses(c, n -> AnnotationSupport.isAnnotated(n, Nested.class))
                .stream().allMatch(DiscoveryBodySkipper::findOnlyPlainTests);
    }

    private static void proceedUnlessDiscoveringPlain(Invocation<Void> invocation, ExtensionContext extension) throws Throwable {
        Class<?> outermost = extension.getRequiredTestClass();
        while (outermost.getEnclosingClass() != null && AnnotationSupport.isAnnotated(outermost, Nested.class)) outermost = outermost.getEnclosingClass();
        if (MinionDiscovery.discoveryOnly() && onlyPlainTests(outermost)) {
            invocation.skip();
        } else {
            invocation.proceed();
        }
    }

    private static void proceedUnlessDiscovering(Invocation<Void> invocation) throws Throwable {
        if (MinionDiscovery.discoveryOnly()) {
            invocation.skip();
        } else {
            invocation.proceed();
        }
    }
}
