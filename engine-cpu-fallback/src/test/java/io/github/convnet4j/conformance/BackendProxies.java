package io.github.convnet4j.conformance;

import io.github.convnet4j.backend.Backend;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Proxies of a backend for the kit's meta-tests: to record the op calls a case makes, or to make a
 * correct backend wrong on purpose. The real object's exceptions come out of a proxy unwrapped, as
 * the real object would throw them.
 */
final class BackendProxies {
    private BackendProxies() {}

    /** What a proxy does with one call of {@code m}; {@code target} is the real object. */
    interface Handler {
        Object call(Method m, Object target, Object[] args) throws Throwable;
    }

    /** Whether {@code type} is an op family of the SPI ({@code ConvOps}, {@code LossOps}, ...). */
    static boolean isOpFamily(Class<?> type) {
        return type.isInterface() && type.getPackageName().equals("io.github.convnet4j.backend.ops");
    }

    /** A proxy of interface {@code type} that hands every call, with {@code target}, to {@code handler}. */
    static <T> T of(Class<T> type, Object target, Handler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
            try {
                return handler.call(m, target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }

    /**
     * {@code inner} with its op families (conv(), loss(), ...) behind proxies that hand every op
     * call to {@code ops}; {@code Object}'s methods and everything else reach {@code inner} unchanged.
     */
    static Backend withOps(Backend inner, Handler ops) {
        return of(Backend.class, inner, (m, backend, args) -> {
            Object result = m.invoke(backend, args);
            if (result == null || !isOpFamily(m.getReturnType())) return result;
            return of(m.getReturnType(), result, (op, family, opArgs) ->
                    op.getDeclaringClass() == Object.class ? op.invoke(family, opArgs) : ops.call(op, family, opArgs));
        });
    }
}
