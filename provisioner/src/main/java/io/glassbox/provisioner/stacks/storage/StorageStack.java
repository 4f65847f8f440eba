package io.glassbox.provisioner.stacks.storage;

import io.glassbox.provisioner.engine.Step;
import io.glassbox.provisioner.spec.StorageSpec;
import java.util.List;

/** The Storage stack's steps: the files bucket. */
public final class StorageStack {

    private StorageStack() {
    }

    public static List<Step> steps(StorageSpec storage) {
        return List.of(new BucketStep(storage));
    }
}
