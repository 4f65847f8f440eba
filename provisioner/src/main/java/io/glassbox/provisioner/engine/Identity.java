package io.glassbox.provisioner.engine;

import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.spec.Environment;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which live resource is a step's (DESIGN.md, "Identity"): the one tagged {@code glassbox:step} with the step's id
 * in the step's environment; failing that, the one with the step's deterministic name. The tag comes first, so a
 * resource taken over from CloudFormation is found under its generated name and id; the name second, so resources
 * made before the step tag existed, and those the operator adopts, are found as before. Steps only list
 * candidates cheaply ({@link ResourceStep#candidates}); this one rule picks among them, for every step.
 */
public final class Identity {

    private Identity() {
    }

    /**
     * Picks the step's resource among {@code candidates}.
     *
     * @param kind what the step manages, for messages ({@code VPC})
     * @throws ProvisionerException when two candidates claim the step, or two carry its name
     */
    public static <L> Optional<L> pick(StepId step, Environment environment, String kind, String name,
                                       Collection<L> candidates, Function<L, Map<String, String>> tagsOf,
                                       Function<L, String> nameOf, Function<L, String> idOf) {
        return pick(step, environment, kind, name, candidates, tagsOf, nameOf, idOf, Optional.empty(), (l, id) -> false);
    }

    /**
     * As {@link #pick(StepId, Environment, String, String, Collection, Function, Function, Function)}, with the
     * resource a takeover gives the step first of all: the one CloudFormation reports as its physical id, or, when
     * it reports none, the one carrying CloudFormation's own tags for that stack and logical id.
     *
     * @param isPhysicalId whether a candidate is the one CloudFormation reports as the physical id
     */
    public static <L> Optional<L> pick(StepId step, Environment environment, String kind, String name,
                                       Collection<L> candidates, Function<L, Map<String, String>> tagsOf,
                                       Function<L, String> nameOf, Function<L, String> idOf,
                                       Optional<CloudFormationOrigin> takeover,
                                       java.util.function.BiPredicate<L, String> isPhysicalId) {
        if (takeover.isPresent()) {
            CloudFormationOrigin origin = takeover.get();
            Optional<L> taken = origin.reportedId()
                    .flatMap(id -> candidates.stream().filter(c -> isPhysicalId.test(c, id)).findFirst())
                    .or(() -> candidates.stream().filter(c -> origin.taggedOn(tagsOf.apply(c))).findFirst());
            if (taken.isPresent()) {
                return taken;
            }
        }
        List<L> tagged = candidates.stream().filter(c -> {
            Map<String, String> tags = tagsOf.apply(c);
            return step.value().equals(tags.get(ResourceTags.STEP))
                    && environment.id().equals(tags.get(ResourceTags.ENVIRONMENT));
        }).toList();
        if (tagged.size() > 1) {
            throw new ProvisionerException("found " + tagged.size() + " " + kind + "s tagged " + ResourceTags.STEP + "="
                    + step + " in " + environment.id() + " (" + tagged.stream().map(idOf).toList()
                    + "); keep one and delete or untag the others");
        }
        if (tagged.size() == 1) {
            return Optional.of(tagged.get(0));
        }
        List<L> named = candidates.stream().filter(c -> name.equals(nameOf.apply(c))).toList();
        if (named.size() > 1) {
            throw new ProvisionerException("found " + named.size() + " " + kind + "s named " + name + " ("
                    + named.stream().map(idOf).toList() + "); delete the extra ones by hand");
        }
        return named.stream().findFirst();
    }
}
