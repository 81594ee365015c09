package dev.mapiagent.agent.config;

/** A setting cannot be used; the one-line message names the source and the setting. Bad input (exit 2). */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
