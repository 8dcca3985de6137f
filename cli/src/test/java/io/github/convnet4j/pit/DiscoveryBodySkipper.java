package io.github.convnet4j.pit;

import java.lang.reflect.Method;

import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Skips test bodies while {@link MinionDiscovery} says the request only discovers tests.
 *
 * <p>Only the bodies are skipped: test methods, template invocations (parameterized tests) and
 * dynamic tests. Constructors, lifecycle methods, test factories and argument sources still run,
 * because the dynamic tests and invocations a class has are known only by running them, and a
 * factory may depend on its class's set-up. Auto-detected as a Jupiter extension, which the mutation
 * profile enables for its minions alone.
 */
public final class DiscoveryBodySkipper implements InvocationInterceptor {

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

    private static void proceedUnlessDiscovering(Invocation<Void> invocation) throws Throwable {
        if (MinionDiscovery.discoveryOnly()) {
            invocation.skip();
        } else {
            invocation.proceed();
        }
    }
}
