package io.glassbox.provisioner.stacks.database;

import io.glassbox.provisioner.aws.BoundedRetry;
import io.glassbox.provisioner.aws.DataPlaneFailures;
import io.glassbox.provisioner.aws.SecretDocuments;
import io.glassbox.provisioner.aws.Timeouts;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.HostAndPort;
import io.glassbox.provisioner.engine.ProvisionerException;
import io.glassbox.provisioner.engine.Step;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.engine.StepId;
import io.glassbox.provisioner.engine.StepPlan;
import io.glassbox.provisioner.spec.NetworkSpec;
import io.glassbox.provisioner.spec.SecurityGroupRole;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.provisioner.stacks.compute.DataPlaneTaskTemplate;
import io.glassbox.provisioner.stacks.compute.OneOffTask;
import io.glassbox.provisioner.stacks.compute.TaskDefinitionStep;
import io.glassbox.provisioner.stacks.network.SecurityGroupReferencesStep;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The database bootstrap (DESIGN.md, "Data plane"): creates the spec's extensions {@code uuid-ossp}, {@code pgcrypto}
 * and {@code vector} if they are missing, with the credentials in {@code glassbox/{env}/database}. The database sits
 * in isolated subnets that only the ECS security group reaches, so by default the statements run inside the VPC, in
 * a one-off ECS task ({@code glassbox-{env}-data-plane}, {@link OneOffTask}); with {@code --database-tunnel} they run
 * from here through the tunnel instead. Runs on every deploy (it is idempotent and changes no AWS resource).
 */
public final class DatabaseBootstrapStep implements Step {

    public static final String ID = "database.extensions";
    public static final List<String> EXTENSIONS = List.of("uuid-ossp", "pgcrypto", "vector");
    /** Connection failures worth another try while RDS finishes starting (PostgreSQL SQLSTATE class 08). */
    private static final String CONNECTION_EXCEPTION_CLASS = "08";
    private static final int CONNECT_TIMEOUT_SECONDS = 10;
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);

    private final NetworkSpec network;

    @Override
    public StepId id() {
        return StepId.of(ID);
    }

    @Override
    public StackName stack() {
        return StackName.DATABASE;
    }

    public DatabaseBootstrapStep(NetworkSpec network) {
        this.network = network;
    }

    /** The statements that create the extensions, each idempotent. */
    public static List<String> statements() {
        return EXTENSIONS.stream().map(e -> "CREATE EXTENSION IF NOT EXISTS \"" + e + "\"").toList();
    }

    /**
     * The instance and its secret; for the task also what it runs in: the cluster, its task definition, the private
     * subnets, the ECS group and the database group's rule that admits it.
     */
    @Override
    public Set<StepId> dependencies() {
        return OneOffTask.dependencies(network, TaskDefinitionStep.DATA_PLANE_ID, StepId.of(DbInstanceStep.ID),
                StepId.of(DatabaseSecretStep.ID), StepId.of(SecurityGroupReferencesStep.id(SecurityGroupRole.RDS)));
    }

    @Override
    public boolean runsEveryDeploy() {
        return true;
    }

    @Override
    public String resourceType() {
        return "PostgreSQL extensions";
    }

    @Override
    public String resourceName(StepContext context) {
        return String.join(", ", EXTENSIONS);
    }

    @Override
    public StepPlan plan(StepContext context) {
        // Plan reads AWS only; the extensions are checked (and made) by every deploy.
        boolean databaseExists = context.outputs().get(DbInstanceStep.OUTPUT_ADDRESS).isPresent();
        String how = context.options().databaseTunnel().map(t -> "through --database-tunnel " + t)
                .orElse("by the one-off ECS task " + context.naming().base() + "-" + DataPlaneTaskTemplate.FAMILY);
        List<Change> changes = databaseExists ? List.of()
                : List.of(Change.create("CREATE EXTENSION " + resourceName(context) + " once the database is available, "
                        + how));
        return StepPlan.task(id(), stack(), resourceType(), resourceName(context),
                databaseExists ? Optional.of("checked at deploy, " + how) : Optional.empty(), changes);
    }

    /** Checks (and makes) the extensions; a data-plane check, so never counted as an AWS change: false. */
    @Override
    public boolean apply(StepContext context) {
        if (context.options().databaseTunnel().isEmpty()) {
            OneOffTask.run(context, network, TaskDefinitionStep.DATA_PLANE_ID, "the data-plane task", stack(),
                    ID);
            return false;
        }
        createThroughTunnel(context);
        return false;
    }

    /** From here, through the operator's port-forward to the database ({@code --database-tunnel}). */
    private void createThroughTunnel(StepContext context) {
        String secret = DatabaseSecretStep.name(context);
        Map<String, Object> credentials = SecretDocuments.read(context.aws().secretsManager(), secret)
                .orElseThrow(() -> new ProvisionerException("secret " + secret + " is missing"));
        String host = String.valueOf(credentials.getOrDefault("host", ""));
        HostAndPort endpoint = context.options().databaseTunnel().orElseThrow();
        String url = "jdbc:postgresql://" + endpoint.host() + ":" + endpoint.port() + "/" + credentials.get("dbname")
                // RDS for PostgreSQL 15+ requires TLS (rds.force_ssl=1); require it everywhere.
                + "?sslmode=require&connectTimeout=" + CONNECT_TIMEOUT_SECONDS + "&ApplicationName=glassbox-provisioner";
        Properties properties = new Properties();
        properties.setProperty("user", String.valueOf(credentials.get("username")));
        properties.setProperty("password", String.valueOf(credentials.get("password")));
        try (Connection connection = connect(url, properties, endpoint, host, context);
             Statement statement = connection.createStatement()) {
            for (String sql : statements()) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new ProvisionerException("creating extensions in " + endpoint + ": " + e.getMessage());
        }
    }

    private static Connection connect(String url, Properties properties, HostAndPort endpoint, String realHost,
                                      StepContext context) {
        try {
            return BoundedRetry.retry(context.options().cap(Timeouts.DATA_PLANE_CONNECT), RETRY_PAUSE, RETRY_PAUSE,
                    SQLException.class, DatabaseBootstrapStep::worthRetrying,
                    () -> DriverManager.getConnection(url, properties));
        } catch (SQLException e) {
            throw new ProvisionerException(unreachable(endpoint, realHost, e.getMessage()));
        }
    }

    /** A server still starting refuses connections (SQLSTATE class 08); a name that does not resolve never will. */
    private static boolean worthRetrying(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith(CONNECTION_EXCEPTION_CLASS)
                && !DataPlaneFailures.isUnknownHost(e);
    }

    private static String unreachable(HostAndPort endpoint, String realHost, String reason) {
        String advice = "check that the port-forward to " + (realHost.isEmpty() ? "the database" : realHost)
                + " is open";
        return "cannot connect to PostgreSQL at " + endpoint + " (" + reason + "); " + advice
                + ". The AWS resources are deployed as planned.";
    }

    @Override
    public Optional<String> destroyRefusal(StepContext context) {
        return Optional.empty();
    }

    @Override
    public boolean destroy(StepContext context) {
        // The extensions live in the database; they go with it.
        return false;
    }
}
