package io.glassbox.provisioner.stacks.network;

import io.glassbox.provisioner.spec.SecurityGroupRule;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.PrefixListId;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * Translates between EC2's {@code IpPermission} (one protocol and port range, many peers) and our flat
 * {@link SecurityGroupRule} (one peer each), so that live and desired rules compare as plain sets.
 */
final class SecurityGroupRules {

    private SecurityGroupRules() {
    }

    /** Flattens live permissions into one rule per peer. */
    static Set<SecurityGroupRule> of(Collection<IpPermission> permissions) {
        Set<SecurityGroupRule> rules = new LinkedHashSet<>();
        for (IpPermission p : permissions) {
            String protocol = normaliseProtocol(p.ipProtocol());
            int from = protocol.equals("-1") || p.fromPort() == null ? -1 : p.fromPort();
            int to = protocol.equals("-1") || p.toPort() == null ? -1 : p.toPort();
            p.ipRanges().forEach(r -> rules.add(new SecurityGroupRule(protocol, from, to, r.cidrIp())));
            p.ipv6Ranges().forEach(r -> rules.add(new SecurityGroupRule(protocol, from, to, r.cidrIpv6())));
            p.userIdGroupPairs().forEach(g -> rules.add(new SecurityGroupRule(protocol, from, to, g.groupId())));
            p.prefixListIds().forEach(l -> rules.add(new SecurityGroupRule(protocol, from, to, l.prefixListId())));
        }
        return rules;
    }

    /** One permission per rule, with the peer in the field its kind belongs in. */
    static List<IpPermission> toPermissions(Collection<SecurityGroupRule> rules) {
        return rules.stream().map(SecurityGroupRules::toPermission).toList();
    }

    private static IpPermission toPermission(SecurityGroupRule rule) {
        IpPermission.Builder p = IpPermission.builder().ipProtocol(rule.protocol());
        if (!rule.protocol().equals("-1")) {
            p.fromPort(rule.fromPort()).toPort(rule.toPort());
        }
        String peer = rule.peer();
        if (peer.contains(":") && peer.contains("/")) {
            p.ipv6Ranges(Ipv6Range.builder().cidrIpv6(peer).build());
        } else if (peer.contains("/")) {
            p.ipRanges(IpRange.builder().cidrIp(peer).build());
        } else if (peer.startsWith("pl-")) {
            p.prefixListIds(PrefixListId.builder().prefixListId(peer).build());
        } else {
            p.userIdGroupPairs(UserIdGroupPair.builder().groupId(peer).build());
        }
        return p.build();
    }

    /** EC2 reports protocol numbers for some protocols ("6" for tcp); compare by name. */
    private static String normaliseProtocol(String protocol) {
        return switch (protocol) {
            case "6" -> "tcp";
            case "17" -> "udp";
            case "1" -> "icmp";
            default -> protocol;
        };
    }
}
