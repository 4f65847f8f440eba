package io.glassbox.provisioner.spec;

import java.util.regex.Pattern;

/** A Docker image tag (distribution/reference grammar: up to 128 word characters, dots and dashes). */
public final class ImageTag {

    static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    private ImageTag() {
    }

    /**
     * {@code tag} when it is one.
     *
     * @param source where the tag was given, for the message ({@code --image-tag})
     * @throws ConfigException naming {@code source} when it is not
     */
    public static String check(String source, String tag) {
        if (tag == null || !PATTERN.matcher(tag).matches()) {
            throw new ConfigException(source + ": must be a Docker image tag such as latest or v1.0.0, got '" + tag
                    + "'");
        }
        return tag;
    }
}
