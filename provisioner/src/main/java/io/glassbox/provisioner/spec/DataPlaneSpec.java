package io.glassbox.provisioner.spec;

/**
 * The data plane's one-off ECS task, which creates the database's extensions from inside the VPC.
 *
 * @param image the PostgreSQL client image the task runs ({@code psql} on its PATH)
 */
public record DataPlaneSpec(String image) {

    /**
     * The official PostgreSQL 16 image (the spec's major version) from Amazon ECR Public's mirror of Docker's
     * official images: the tasks pull it through the NAT gateway without Docker Hub's anonymous pull limits
     * (Amazon ECR Public User Guide, "Docker Official Images").
     */
    public static final String DEFAULT_IMAGE = "public.ecr.aws/docker/library/postgres:16-alpine";

    static DataPlaneSpec of(ConfigFile.DataPlane config) {
        return new DataPlaneSpec(config == null || config.image() == null ? DEFAULT_IMAGE : config.image());
    }
}
