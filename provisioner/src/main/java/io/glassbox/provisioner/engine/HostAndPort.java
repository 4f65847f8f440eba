package io.glassbox.provisioner.engine;

/** A {@code HOST:PORT} pair, such as the local end of a port-forward ({@code 127.0.0.1:15432}). */
public record HostAndPort(String host, int port) {

    public HostAndPort {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Parses {@code HOST:PORT}; the message says what was expected. */
    public static HostAndPort parse(String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("expected HOST:PORT, got '" + text + "'");
        }
        try {
            return new HostAndPort(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected HOST:PORT with a numeric port, got '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
