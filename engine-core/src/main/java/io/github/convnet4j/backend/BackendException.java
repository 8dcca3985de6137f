package io.github.convnet4j.backend;

/**
 * The one unchecked error a backend throws: a native failure, an unsupported dtype, or a shape the
 * op cannot take. The message names the op, the shapes and the device.
 */
public class BackendException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BackendException(String message) { super(message); }

    public BackendException(String message, Throwable cause) { super(message, cause); }
}
