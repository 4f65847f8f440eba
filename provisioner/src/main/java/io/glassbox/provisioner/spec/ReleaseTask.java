package io.glassbox.provisioner.spec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A one-off task a release runs before the services roll out (database schema migrations, say): a service's new task
 * definition, the same image, environment and secrets, with {@code command} instead of the image's own. The services
 * roll out only when it exits 0.
 *
 * @param service whose task definition it runs
 * @param command the container's command: the words of {@code api: ./migrate up} after the colon
 */
public record ReleaseTask(ServiceKind service, List<String> command) {

    public ReleaseTask {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new ConfigException("a release task needs a command after its service (api: ./migrate up)");
        }
    }

    /**
     * {@code SERVICE: COMMAND} ({@code api: ./migrate up}): the service's id, a colon, then the command's words,
     * split at spaces; single or double quotes keep spaces in a word ({@code api: ./migrate "up to 42"}).
     *
     * @throws ConfigException naming {@code source} when it is not of that form
     */
    public static ReleaseTask parse(String source, String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon < 0) {
            throw new ConfigException(source + ": expected SERVICE: COMMAND, such as \"api: ./migrate up\", got '"
                    + text + "'");
        }
        String name = text.substring(0, colon).trim();
        ServiceKind service = Arrays.stream(ServiceKind.values()).filter(s -> s.id().equals(name)).findFirst()
                .orElseThrow(() -> new ConfigException(source + ": unknown service '" + name + "' (expected one of "
                        + Arrays.stream(ServiceKind.values()).map(ServiceKind::id).collect(Collectors.joining(", "))
                        + ")"));
        List<String> words = words(source, text.substring(colon + 1));
        if (words.isEmpty()) {
            throw new ConfigException(source + ": no command after '" + name + ":'");
        }
        return new ReleaseTask(service, words);
    }

    private static List<String> words(String source, String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new ConfigException(source + ": a quote is not closed in '" + text.strip() + "'");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** {@code api: ./migrate up}, as given. */
    @Override
    public String toString() {
        return service.id() + ": " + String.join(" ", command);
    }
}
