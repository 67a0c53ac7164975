package org.sis2sds.core;

/** A missing or invalid setting. The message is one sentence that names the key. */
public class ConfigException extends RuntimeException {
    private final String key;

    public ConfigException(String key, String message) {
        super(message);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
