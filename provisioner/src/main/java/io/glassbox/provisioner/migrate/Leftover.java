package io.glassbox.provisioner.migrate;

/** A resource of the CDK app that no step owns, with what becomes of it when its stack is deleted. */
public record Leftover(StackResource resource, String fate) {
}
