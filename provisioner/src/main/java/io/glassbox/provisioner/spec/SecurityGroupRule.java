package io.glassbox.provisioner.spec;

import java.util.Objects;

/**
 * One security group rule in a normalised form that both the spec and the live group map to. The peer is
 * either a CIDR block or another of our groups (by role in the spec, by group id once observed).
 *
 * @param protocol   {@code tcp}, {@code udp}, {@code icmp} or {@code -1} for all traffic
 * @param fromPort   first port, or -1 for all traffic
 * @param toPort     last port, or -1 for all traffic
 * @param peer       a CIDR block ({@code 0.0.0.0/0}) or a group reference ({@code sg:ecs} in the spec,
 *                   {@code sg-0123} when observed)
 */
public record SecurityGroupRule(String protocol, int fromPort, int toPort, String peer) {

    public SecurityGroupRule {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(peer, "peer");
    }

    /** TCP on one port from a CIDR block. */
    public static SecurityGroupRule tcpFromCidr(int port, String cidr) {
        return new SecurityGroupRule("tcp", port, port, cidr);
    }

    /** TCP on one port from another of our groups. */
    public static SecurityGroupRule tcpFromGroup(int port, SecurityGroupRole role) {
        return new SecurityGroupRule("tcp", port, port, groupPeer(role));
    }

    /** All traffic to or from a CIDR block. */
    public static SecurityGroupRule allTraffic(String cidr) {
        return new SecurityGroupRule("-1", -1, -1, cidr);
    }

    /** The peer text used in the spec for a reference to one of our groups. */
    public static String groupPeer(SecurityGroupRole role) {
        return "sg:" + role.id();
    }

    /** Whether the peer is a CIDR block (as opposed to another security group). */
    public boolean peerIsCidr() {
        return peer.contains("/");
    }

    /** Whether the rule lets the whole internet in (a security-broadening change when added). */
    public boolean opensToInternet() {
        return peer.equals("0.0.0.0/0") || peer.equals("::/0");
    }

    /** Readable form for plans: {@code tcp 5432 from sg-0abc} or {@code all traffic 10.0.0.0/16}. */
    public String describe() {
        String ports;
        if (protocol.equals("-1")) {
            ports = "all traffic";
        } else if (fromPort == toPort) {
            ports = protocol + " " + fromPort;
        } else {
            ports = protocol + " " + fromPort + "-" + toPort;
        }
        return ports + " " + peer;
    }
}
