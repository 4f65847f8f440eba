package io.glassbox.provisioner.stacks.compute;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

/** ELBv2 tags (load balancers, target groups, listeners): read one resource's, convert maps. */
final class ElbTags {

    private ElbTags() {
    }

    static Map<String, String> of(ElasticLoadBalancingV2Client elb, String arn) {
        Map<String, String> tags = new LinkedHashMap<>();
        elb.describeTags(r -> r.resourceArns(arn)).tagDescriptions().forEach(d -> d.tags()
                .forEach(t -> tags.put(t.key(), t.value())));
        return tags;
    }

    /** The tags of each ARN, 20 ARNs per DescribeTags call (its limit; Elastic Load Balancing API Reference). */
    static Map<String, Map<String, String>> ofAll(ElasticLoadBalancingV2Client elb, List<String> arns) {
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        for (int from = 0; from < arns.size(); from += 20) {
            List<String> batch = arns.subList(from, Math.min(arns.size(), from + 20));
            elb.describeTags(r -> r.resourceArns(batch)).tagDescriptions().forEach(d -> {
                Map<String, String> tags = new LinkedHashMap<>();
                d.tags().forEach(t -> tags.put(t.key(), t.value()));
                all.put(d.resourceArn(), tags);
            });
        }
        return all;
    }

    static List<Tag> list(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }
}
