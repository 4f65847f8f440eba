package io.glassbox.provisioner.spec;

/** The four security groups of the Network stack. */
public enum SecurityGroupRole {
    ALB("alb", "GlassBox load balancer: HTTP and HTTPS from the internet"),
    ECS("ecs", "GlassBox ECS tasks: 8080 from the load balancer"),
    RDS("rds", "GlassBox PostgreSQL: 5432 from ECS tasks"),
    REDIS("redis", "GlassBox Redis: 6379 from ECS tasks");

    private final String id;
    private final String description;

    SecurityGroupRole(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    /** The group's description; immutable in EC2, so it never changes between versions of this tool. */
    public String description() {
        return description;
    }
}
