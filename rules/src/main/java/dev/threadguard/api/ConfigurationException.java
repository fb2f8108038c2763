package dev.threadguard.api;

/** Thrown when the analysis is configured with values it cannot use. The message tells the user what to change. */
public class ConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }
}
