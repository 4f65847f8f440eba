package io.glassbox.provisioner.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubnetLayoutTest {

    @Test
    void twoZonesGiveExactlyTheSpecsDiagram() {
        List<String> cidrs = SubnetLayout.forZones("10.0.0.0/16", 2).stream().map(SubnetSpec::cidr).toList();
        assertThat(cidrs).containsExactly(
                "10.0.0.0/24", "10.0.1.0/24",
                "10.0.10.0/24", "10.0.11.0/24",
                "10.0.20.0/24", "10.0.21.0/24");
    }

    @Test
    void thirdZoneContinuesEachTier() {
        List<SubnetSpec> subnets = SubnetLayout.forZones("10.0.0.0/16", 3);
        assertThat(subnets).extracting(SubnetSpec::key, SubnetSpec::cidr).contains(
                org.assertj.core.groups.Tuple.tuple("public-c", "10.0.2.0/24"),
                org.assertj.core.groups.Tuple.tuple("private-c", "10.0.12.0/24"),
                org.assertj.core.groups.Tuple.tuple("isolated-c", "10.0.22.0/24"));
        assertThat(subnets).hasSize(9);
    }

    @Test
    void onlyPublicSubnetsMapPublicIps() {
        assertThat(SubnetLayout.forZones("10.0.0.0/16", 2))
                .allSatisfy(s -> assertThat(s.mapPublicIpOnLaunch()).isEqualTo(s.tier() == SubnetTier.PUBLIC));
    }

    @Test
    void refusesWhatTheLayoutCannotHold() {
        assertThatThrownBy(() -> SubnetLayout.forZones("10.0.0.0/24", 2)).hasMessageContaining("/16");
        assertThatThrownBy(() -> SubnetLayout.forZones("10.0.0.0/16", 0)).hasMessageContaining("zone count");
    }
}
