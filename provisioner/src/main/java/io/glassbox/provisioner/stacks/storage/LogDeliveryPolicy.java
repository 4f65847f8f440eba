package io.glassbox.provisioner.stacks.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glassbox.provisioner.aws.PolicyStatements;
import java.util.List;
import java.util.Map;

/**
 * The logs bucket's policy statements that let the region's log delivery principals write there, each only under its
 * own prefix and only for this account: S3 server access logging ({@code logging.s3.amazonaws.com}, S3 User Guide,
 * "Permissions for log delivery") and Application Load Balancer access logs (ELB User Guide, "Enable access logs for
 * your Application Load Balancer": in regions opened before August 2022 the region's Elastic Load Balancing account,
 * in the others the {@code logdelivery.elasticloadbalancing.amazonaws.com} service).
 */
final class LogDeliveryPolicy {

    static final String S3_SID = "S3ServerAccessLogsDelivery";
    static final String ELB_SID = "LoadBalancerAccessLogsDelivery";
    /** Where the files bucket's server access logs go in the logs bucket. */
    static final String S3_PREFIX = "s3-access/";
    /** Where the load balancer's access logs go ({@code alb/AWSLogs/{account}/elasticloadbalancing/...}). */
    static final String ELB_PREFIX = "alb";

    /** The Elastic Load Balancing account of each region that has one (ELB User Guide, as above). */
    private static final Map<String, String> ELB_ACCOUNTS = Map.ofEntries(
            Map.entry("us-east-1", "127311923021"), Map.entry("us-east-2", "033677994240"),
            Map.entry("us-west-1", "027434742980"), Map.entry("us-west-2", "797873946194"),
            Map.entry("af-south-1", "098369216593"), Map.entry("ap-east-1", "754344448648"),
            Map.entry("ap-southeast-3", "589379963580"), Map.entry("ap-south-1", "718504428378"),
            Map.entry("ap-northeast-3", "383597477331"), Map.entry("ap-northeast-2", "600734575887"),
            Map.entry("ap-southeast-1", "114774131450"), Map.entry("ap-southeast-2", "783225319266"),
            Map.entry("ap-northeast-1", "582318560864"), Map.entry("ca-central-1", "985666609251"),
            Map.entry("eu-central-1", "054676820928"), Map.entry("eu-west-1", "156460612806"),
            Map.entry("eu-west-2", "652711504416"), Map.entry("eu-south-1", "635631232127"),
            Map.entry("eu-west-3", "009996457667"), Map.entry("eu-north-1", "897822967062"),
            Map.entry("me-south-1", "076674570225"), Map.entry("sa-east-1", "507241528517"));

    private LogDeliveryPolicy() {
    }

    static List<ObjectNode> statements(String logsBucket, String filesBucket, String accountId, String region) {
        ObjectNode s3 = PolicyStatements.statement(S3_SID, "Allow");
        s3.putObject("Principal").put("Service", "logging.s3.amazonaws.com");
        s3.putArray("Action").add("s3:PutObject");
        s3.put("Resource", "arn:aws:s3:::" + logsBucket + "/" + S3_PREFIX + "*");
        ObjectNode s3Condition = s3.putObject("Condition");
        s3Condition.putObject("ArnLike").put("aws:SourceArn", "arn:aws:s3:::" + filesBucket);
        s3Condition.putObject("StringEquals").put("aws:SourceAccount", accountId);

        ObjectNode elb = PolicyStatements.statement(ELB_SID, "Allow");
        String elbAccount = ELB_ACCOUNTS.get(region);
        if (elbAccount != null) {
            elb.putObject("Principal").put("AWS", "arn:aws:iam::" + elbAccount + ":root");
        } else {
            elb.putObject("Principal").put("Service", "logdelivery.elasticloadbalancing.amazonaws.com");
        }
        elb.putArray("Action").add("s3:PutObject");
        elb.put("Resource", "arn:aws:s3:::" + logsBucket + "/" + ELB_PREFIX + "/AWSLogs/" + accountId + "/*");
        return List.of(s3, elb);
    }
}
