package io.github.convnet4j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Reading the missing library out of JCuda's nested load errors, as they look in JCuda 12.6. */
class NativeLoadErrorsTest {
    private static UnsatisfiedLinkError jcudaStyle(String jni, String missing) {
        return new UnsatisfiedLinkError("Error while loading native library \"" + jni + "\"\n"
                + "Operating system name: Linux\n---(start of nested stack traces)---\n"
                + "Stack trace from the attempt to load the library as a file:\n"
                + "java.lang.UnsatisfiedLinkError: no " + jni + " in java.library.path: /usr/lib\n"
                + "Stack trace from the attempt to load the library as a resource:\n"
                + "java.lang.UnsatisfiedLinkError: /tmp/lib" + jni + ".so: " + missing + ": cannot open shared object file: No such file or directory\n"
                + "---(end of nested stack traces)---");
    }

    @Test void findsTheSystemLibraryNotTheJniLibrary() {
        assertEquals("libcuda.so.1", NativeLoadErrors.missingLibrary(jcudaStyle("JCudaDriver-12.6.0-linux-x86_64", "libcuda.so.1")));
        assertEquals("libcublas.so.12", NativeLoadErrors.missingLibrary(jcudaStyle("JCublas2-12.6.0-linux-x86_64", "libcublas.so.12")));
        assertEquals("libcudnn.so.9 not found", NativeLoadErrors.summary(jcudaStyle("JCudnn-12.6.0-linux-x86_64", "libcudnn.so.9")));
    }

    @Test void looksThroughWrappersOfASecondLoadAttempt() {
        Throwable second = new NoClassDefFoundError("Could not initialize class jcuda.jcublas.JCublas2");
        second.initCause(new ExceptionInInitializerError("Exception " + jcudaStyle("JNvrtc-12.6.0-linux-x86_64", "libnvrtc.so.12")));
        assertEquals("libnvrtc.so.12", NativeLoadErrors.missingLibrary(second));
    }

    @Test void otherFailuresAreSummarizedOnOneLine() {
        UnsatisfiedLinkError symbol = new UnsatisfiedLinkError("/tmp/libJCudnn.so: undefined symbol: cudnnGetFoo_v8\nmore");
        assertNull(NativeLoadErrors.missingLibrary(symbol));
        assertEquals("undefined symbol cudnnGetFoo_v8 (library version mismatch)", NativeLoadErrors.summary(symbol));
        assertEquals("java.lang.IllegalStateException: boom", NativeLoadErrors.summary(new IllegalStateException("boom\nsecond line")));
    }

    @Test void cudnnVersionsDecodeInBothSchemes() {
        assertEquals("9.5.1", CudaVersions.decodeCudnn(90501));
        assertEquals("9.13.0", CudaVersions.decodeCudnn(91300));
        assertEquals("8.9.7", CudaVersions.decodeCudnn(8907));
        assertEquals(9, CudaVersions.cudnnMajor(90501));
        assertEquals(8, CudaVersions.cudnnMajor(8907));
    }
}
