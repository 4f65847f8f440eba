package io.glassbox.provisioner.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StackNameTest {

    @Test
    void parsesShortAndQualifiedNames() {
        assertThat(StackName.parse("Network", Environment.STAGING)).isEqualTo(StackName.NETWORK);
        assertThat(StackName.parse("messaging", Environment.STAGING)).isEqualTo(StackName.MESSAGING);
        assertThat(StackName.parse("GlassBox-production-Storage", Environment.PRODUCTION)).isEqualTo(StackName.STORAGE);
        assertThat(StackName.NETWORK.qualified(Environment.STAGING)).isEqualTo("GlassBox-staging-Network");
    }

    @Test
    void refusesUnknownStacksAndOtherEnvironments() {
        assertThatThrownBy(() -> StackName.parse("Netwrk", Environment.STAGING))
                .hasMessageStartingWith("unknown stack 'Netwrk'");
        assertThatThrownBy(() -> StackName.parse("GlassBox-production-Network", Environment.STAGING))
                .hasMessageContaining("does not belong to environment staging");
    }

    @Test
    void environmentsParseByName() {
        assertThat(Environment.fromId("Production")).isEqualTo(Environment.PRODUCTION);
        assertThatThrownBy(() -> Environment.fromId("prod")).hasMessage(
                "unknown environment 'prod' (expected one of: staging, production)");
    }
}
