package io.glassbox.provisioner.aws;

import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/** Tells data-plane connection failures worth retrying (a server still starting) from those that are not. */
public final class DataPlaneFailures {

    private DataPlaneFailures() {
    }

    /** The name does not resolve: from outside the VPC it never will, so there is no point waiting. */
    public static boolean isUnknownHost(Throwable e) {
        return causedBy(e, UnknownHostException.class);
    }

    /** TLS failed (an untrusted certificate, say): retrying changes nothing. */
    public static boolean isTls(Throwable e) {
        return causedBy(e, SSLException.class);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
