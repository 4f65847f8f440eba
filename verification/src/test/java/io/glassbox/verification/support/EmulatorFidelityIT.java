package io.glassbox.verification.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ServiceField;

/**
 * The emulator answers as AWS does where moto 5.2.1 did not, for behaviours no product test would reliably catch.
 */
class EmulatorFidelityIT {

    private static final int CALLS = 150;

    /**
     * An internet-facing load balancer needs the VPC's internet gateway attached, which cannot be detached while the
     * load balancer holds public addresses ({@link KnownEmulatorGaps#IGW_BEFORE_LOAD_BALANCER}).
     */
    @Test
    void anInternetFacingLoadBalancerAndItsGatewayComeAndGoInOrder() {
        LocalEmulator.reset();
        try (AwsProbe aws = new AwsProbe()) {
            String vpc = aws.ec2.createVpc(r -> r.cidrBlock("10.9.0.0/16")).vpc().vpcId();
            List<String> subnets = List.of("a", "b").stream().map(zone -> aws.ec2.createSubnet(r -> r.vpcId(vpc)
                    .cidrBlock(zone.equals("a") ? "10.9.0.0/24" : "10.9.1.0/24").availabilityZone("us-east-1" + zone))
                    .subnet().subnetId()).toList();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> aws.elb.createLoadBalancer(r -> r.name("early")
                    .subnets(subnets))).hasMessageContaining("VPC " + vpc + " has no internet gateway");
            String gateway = aws.ec2.createInternetGateway().internetGateway().internetGatewayId();
            aws.ec2.attachInternetGateway(r -> r.internetGatewayId(gateway).vpcId(vpc));
            String lb = aws.elb.createLoadBalancer(r -> r.name("after").subnets(subnets)).loadBalancers().get(0)
                    .loadBalancerArn();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> aws.ec2.detachInternetGateway(r -> r
                    .internetGatewayId(gateway).vpcId(vpc))).hasMessageContaining("mapped public address(es)")
                    .isInstanceOfSatisfying(software.amazon.awssdk.services.ec2.model.Ec2Exception.class, e ->
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DependencyViolation"));
            aws.elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb));
            // The deleted load balancer's addresses stay mapped a while (LINGERING_NETWORK_INTERFACES), then go.
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> aws.ec2.detachInternetGateway(r -> r
                    .internetGatewayId(gateway).vpcId(vpc))).hasMessageContaining("mapped public address(es)");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .pollInterval(java.time.Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> aws.ec2.detachInternetGateway(r -> r.internetGatewayId(gateway).vpcId(vpc)) != null);
        }
    }

    /** RegisterTaskDefinition takes only Fargate's task sizes ({@link KnownEmulatorGaps#FARGATE_TASK_SIZES}). */
    @Test
    void fargateTaskDefinitionsTakeOnlyFargatesSizes() {
        LocalEmulator.reset();
        try (AwsProbe aws = new AwsProbe()) {
            java.util.function.BiFunction<String, String, Object> register = (cpu, memory) ->
                    aws.ecs.registerTaskDefinition(r -> r.family("sizes").requiresCompatibilities(
                            software.amazon.awssdk.services.ecs.model.Compatibility.FARGATE)
                            .networkMode("awsvpc").cpu(cpu).memory(memory)
                            .containerDefinitions(c -> c.name("app").image("app:1").essential(true)));
            assertThat(register.apply("512", "2048")).isNotNull();
            assertThat(register.apply("1 vCPU", "3 GB")).isNotNull();
            for (String[] size : new String[][] {{"1024", "1024"}, {"256", "4096"}, {"512", "1536"}, {"300", "1024"}}) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> register.apply(size[0], size[1]))
                        .isInstanceOf(software.amazon.awssdk.services.ecs.model.ClientException.class)
                        .hasMessageContaining("No Fargate configuration exists for given values: " + size[0]
                                + " CPU, " + size[1] + " memory");
            }
        }
    }

    /**
     * DescribeServices with include=TAGS answers with the tags even while other DescribeServices without it run at the
     * same time ({@link KnownEmulatorGaps#RESPONSE_INCLUDE_PER_REQUEST}): moto shared the choice between requests, and
     * a service that lost its tags that way was not found by them and was created a second time.
     */
    @Test
    void describeServicesWithTagsKeepsThemUnderConcurrentCallsWithout() throws Exception {
        LocalEmulator.reset();
        try (AwsProbe aws = new AwsProbe()) {
            aws.ecs.createCluster(r -> r.clusterName("fidelity"));
            aws.ecs.createService(r -> r.cluster("fidelity").serviceName("tagged").desiredCount(0)
                    .tags(t -> t.key("glassbox:step").value("compute.service.api")));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> untaggedAnswers = new ArrayList<>();
                for (int thread = 0; thread < 4; thread++) {
                    boolean withTags = thread % 2 == 0;
                    untaggedAnswers.add(pool.submit(() -> {
                        int missing = 0;
                        for (int i = 0; i < CALLS; i++) {
                            var service = aws.ecs.describeServices(r -> {
                                r.cluster("fidelity").services("tagged");
                                if (withTags) {
                                    r.include(ServiceField.TAGS);
                                }
                            }).services().get(0);
                            if (withTags && service.tags().isEmpty()) {
                                missing++;
                            }
                        }
                        return missing;
                    }));
                }
                for (Future<Integer> answer : untaggedAnswers) {
                    assertThat(answer.get()).as("answers to include=TAGS without the tags").isZero();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
