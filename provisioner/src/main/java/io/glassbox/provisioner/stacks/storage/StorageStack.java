package io.glassbox.provisioner.stacks.storage;

import io.glassbox.provisioner.engine.Step;
import io.glassbox.provisioner.spec.StorageSpec;
import java.util.List;

/** The Storage stack's steps: the logs bucket and the files bucket that logs to it. */
public final class StorageStack {

    private StorageStack() {
    }

    public static List<Step> steps(StorageSpec storage) {
        return List.of(BucketStep.logs(storage), BucketStep.files(storage));
    }
}
