package io.glassbox.provisioner.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

    @Test
    void readsYamlAndJsonAlike(@TempDir Path dir) throws Exception {
        Path yaml = Files.writeString(dir.resolve("a.yaml"), "imageTag: v1.2.3\ncache:\n  nodeType: cache.t3.small\n");
        Path json = Files.writeString(dir.resolve("a.json"), "{\"imageTag\":\"v1.2.3\",\"cache\":{\"nodeType\":\"cache.t3.small\"}}");
        assertThat(ConfigLoader.load(yaml)).isEqualTo(ConfigLoader.load(json));
        assertThat(ConfigLoader.load(yaml).imageTag()).isEqualTo("v1.2.3");
    }

    @Test
    void emptyFileMeansTheSpecsValues() {
        assertThat(ConfigLoader.parse("", false, "empty.yaml")).isEqualTo(ConfigFile.empty());
    }

    @Test
    void unknownKeyIsNamedWithItsPath() {
        assertThatThrownBy(() -> ConfigLoader.parse("database:\n  instanceKlass: db.t3.large\n", false, "c.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("c.yaml: unknown key 'database.instanceKlass'")
                .hasMessageContaining("instanceClass");
        assertThatThrownBy(() -> ConfigLoader.parse("{\"apOrigin\":\"x\"}", true, "c.json"))
                .hasMessageStartingWith("c.json: unknown key 'apOrigin'");
    }

    @Test
    void wrongTypeIsNamed() {
        assertThatThrownBy(() -> ConfigLoader.parse("database:\n  allocatedStorageGb: lots\n", false, "c.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("database.allocatedStorageGb")
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> ConfigLoader.parse("database: 5\n", false, "c.yaml"))
                .hasMessageContaining("database");
        assertThatThrownBy(() -> ConfigLoader.parse("{\"database\":{\"allocatedStorageGb\":\"50\"}}", true, "c.json"))
                .hasMessageContaining("database.allocatedStorageGb");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "database: { allocatedStorageGb: 5 }|database.allocatedStorageGb: must be between 20 and 65536, got 5",
        "database: { backupRetentionDays: 40 }|database.backupRetentionDays: must be between 1 and 35",
        "database: { allocatedStorageGb: 200, maxAllocatedStorageGb: 100 }|database.maxAllocatedStorageGb: must not be below",
        "services: { api: { cpu: 300 } }|services.api.cpu: must be one of",
        "auth: { domainPrefix: My_Domain }|auth.domainPrefix: must be lower-case letters",
        "auth: { domainPrefix: glassbox-cognito }|auth.domainPrefix: must be lower-case letters",
        "services: { fileWorker: { cpu: 256, memoryMb: 4096 } }|services.fileWorker.memoryMb: with cpu 256, memoryMb must be one of [512, 1024, 2048], got 4096",
        "services: { api: { cpu: 512, memoryMb: 1536 } }|services.api.memoryMb: with cpu 512, memoryMb must be one of [1024, 2048, 3072, 4096], got 1536",
        "services: { api: { cpu: 4096, memoryMb: 8500 } }|services.api.memoryMb: with cpu 4096, memoryMb must be one of 8192 to 30720 in steps of 1024, got 8500",
        "services: { api: { minCapacity: 5, maxCapacity: 2 } }|services.api.minCapacity: must not exceed",
        "appOrigin: http://app.example.com|appOrigin: must be an https origin",
        "appOrigin: https://app.example.com/path|appOrigin: must be an https origin",
        "imageTag: 'bad tag'|imageTag: must be a Docker image tag",
        "alarmEmail: nobody|alarmEmail: must be an email address",
        "certificateArn: arn:aws:iam::1:role/x|certificateArn: must be an ACM certificate ARN",
        "cache: { nodeType: t3.micro }|cache.nodeType: must be a node type",
    })
    void outOfRangeValuesAreNamed(String yaml, String message) {
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, false, "c.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("c.yaml: " + message);
    }

    @Test
    void malformedYamlSaysWhere() {
        assertThatThrownBy(() -> ConfigLoader.parse("imageTag: \"open\ncache: x\n", false, "c.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("c.yaml: not valid YAML at line");
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml")))
                .hasMessageEndingWith("nope.yaml: no such config file");
    }
}
