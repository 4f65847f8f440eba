package io.glassbox.provisioner.spec;

/** The Cache stack's desired Redis replication group, value for value from the spec's table. */
public record CacheSpec(
        String nodeType,
        int nodeCount,
        boolean multiAz,
        boolean automaticFailover,
        boolean transitEncryption,
        boolean atRestEncryption,
        String engineMajorVersion,
        int port) {
}
