package io.glassbox.provisioner.spec;

/** A config file that cannot be used: its message names the file and the offending key. */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
