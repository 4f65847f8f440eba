package io.glassbox.provisioner.spec;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/** Range and format checks for a parsed {@link ConfigFile}; each failure names its key. */
final class ConfigValidator {

    private static final Pattern HOSTNAME =
            Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final Pattern ACM_ARN =
            Pattern.compile("arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/[A-Za-z0-9-]+");
    /** An AWS account id: twelve digits (AWS Account Management Reference Guide, "View AWS account identifiers"). */
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    /**
     * An image reference: an optional registry host, a path, and a tag or digest (distribution/reference grammar,
     * loosely: enough to catch a typo before a task fails to pull it).
     */
    private static final Pattern IMAGE = Pattern.compile(
            "([a-z0-9.-]+(:\\d+)?/)?[a-z0-9]+([._/-][a-z0-9]+)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})?");
    /**
     * A Cognito domain prefix: lower-case letters, digits and hyphens, not at either end, at most 63 characters, and
     * without the reserved words aws, amazon and cognito (Cognito Developer Guide, "Using the Amazon Cognito domain").
     */
    private static final Pattern DOMAIN_PREFIX =
            Pattern.compile("(?!.*(aws|amazon|cognito))[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern DB_CLASS = Pattern.compile("db\\.[a-z0-9]+\\.[a-z0-9]+");
    private static final Pattern CACHE_NODE = Pattern.compile("cache\\.[a-z0-9]+\\.[a-z0-9]+");
    /** RDS PostgreSQL gp2/gp3 storage limits (RDS User Guide, "Amazon RDS DB instance storage"). */
    private static final int MIN_STORAGE_GB = 20;
    private static final int MAX_STORAGE_GB = 65536;
    /** RDS automated backups are kept 1 to 35 days (RDS User Guide, "Backup retention period"). */
    private static final int MAX_BACKUP_DAYS = 35;
    private static final int MAX_TASKS = 1000;

    private final String source;

    private ConfigValidator(String source) {
        this.source = source;
    }

    static void validate(ConfigFile config, String source) {
        new ConfigValidator(source).check(config);
    }

    private void check(ConfigFile config) {
        checkPattern("accountId", config.accountId(), ACCOUNT_ID, "a 12-digit AWS account id in quotes, such as"
                + " \"123456789012\"");
        if (config.auth() != null) {
            checkPattern("auth.domainPrefix", config.auth().domainPrefix(), DOMAIN_PREFIX, "lower-case letters, digits"
                    + " and inner hyphens (at most 63), without aws, amazon or cognito");
        }
        if (config.dataPlane() != null) {
            checkPattern("dataPlane.image", config.dataPlane().image(), IMAGE,
                    "an image reference such as public.ecr.aws/docker/library/postgres:16-alpine");
        }
        if (config.appOrigin() != null) {
            checkOrigin("appOrigin", config.appOrigin());
        }
        checkPattern("domain", config.domain(), HOSTNAME, "a DNS name such as api.example.com");
        checkPattern("certificateArn", config.certificateArn(), ACM_ARN,
                "an ACM certificate ARN (arn:aws:acm:REGION:ACCOUNT:certificate/ID)");
        checkPattern("imageTag", config.imageTag(), ImageTag.PATTERN, "a Docker image tag such as latest or v1.0.0");
        checkPattern("alarmEmail", config.alarmEmail(), EMAIL, "an email address");
        if (config.database() != null) {
            ConfigFile.Database db = config.database();
            checkPattern("database.instanceClass", db.instanceClass(), DB_CLASS, "an RDS class such as db.t3.medium");
            checkRange("database.allocatedStorageGb", db.allocatedStorageGb(), MIN_STORAGE_GB, MAX_STORAGE_GB);
            checkRange("database.maxAllocatedStorageGb", db.maxAllocatedStorageGb(), MIN_STORAGE_GB, MAX_STORAGE_GB);
            checkRange("database.backupRetentionDays", db.backupRetentionDays(), 1, MAX_BACKUP_DAYS);
            if (db.allocatedStorageGb() != null && db.maxAllocatedStorageGb() != null
                    && db.maxAllocatedStorageGb() < db.allocatedStorageGb()) {
                fail("database.maxAllocatedStorageGb", "must not be below database.allocatedStorageGb ("
                        + db.allocatedStorageGb() + "), got " + db.maxAllocatedStorageGb());
            }
        }
        if (config.cache() != null) {
            checkPattern("cache.nodeType", config.cache().nodeType(), CACHE_NODE, "a node type such as cache.t3.micro");
        }
        if (config.services() != null) {
            checkService("services.api", config.services().api());
            checkService("services.agentWorker", config.services().agentWorker());
            checkService("services.fileWorker", config.services().fileWorker());
        }
    }

    private void checkService(String key, ConfigFile.Service service) {
        if (service == null) {
            return;
        }
        if (service.cpu() != null && !FargateSizes.CPU.contains(service.cpu())) {
            fail(key + ".cpu", "must be one of " + FargateSizes.CPU + ", got " + service.cpu());
        }
        // With both given the pair is checked here; with one of them, against the spec's other in EnvironmentSpecs.
        if (service.cpu() != null && service.memoryMb() != null) {
            FargateSizes.problem(service.cpu(), service.memoryMb()).ifPresent(why -> fail(key + ".memoryMb", why));
        }
        checkRange(key + ".desiredCount", service.desiredCount(), 0, MAX_TASKS);
        checkRange(key + ".minCapacity", service.minCapacity(), 0, MAX_TASKS);
        checkRange(key + ".maxCapacity", service.maxCapacity(), 1, MAX_TASKS);
        if (service.minCapacity() != null && service.maxCapacity() != null
                && service.minCapacity() > service.maxCapacity()) {
            fail(key + ".minCapacity", "must not exceed " + key + ".maxCapacity (" + service.maxCapacity()
                    + "), got " + service.minCapacity());
        }
    }

    private void checkOrigin(String key, String value) {
        try {
            URI uri = new URI(value);
            boolean bare = (uri.getPath() == null || uri.getPath().isEmpty()) && uri.getQuery() == null
                    && uri.getFragment() == null && uri.getUserInfo() == null;
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null || !bare) {
                fail(key, "must be an https origin without a path, such as https://app.example.com, got '" + value + "'");
            }
        } catch (URISyntaxException e) {
            fail(key, "must be an https origin such as https://app.example.com, got '" + value + "'");
        }
    }

    private void checkPattern(String key, String value, Pattern pattern, String expected) {
        if (value != null && !pattern.matcher(value).matches()) {
            fail(key, "must be " + expected + ", got '" + value + "'");
        }
    }

    private void checkRange(String key, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            fail(key, "must be between " + min + " and " + max + ", got " + value);
        }
    }

    private void fail(String key, String message) {
        throw new ConfigException(source + ": " + key + ": " + message);
    }
}
