package dev.cloudops.cloud;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * A cloud account to create, or the changes to one (null fields stay as they are; new credentials replace the
 * old ones whole).
 *
 * @param endpoints endpoint overrides by service ({@code eks}, {@code sts}, {@code cloudwatch} … or {@code
 *     default} for all): VPC endpoints, other partitions
 */
public record CloudAccountRequest(
        @Schema(example = "aws-prod") String name,

        @Schema(
                example = "aws",
                allowableValues = {"aws", "huawei", "aliyun", "tencent"})
        String provider,

        @Schema(example = "[\"eu-west-1\", \"us-east-1\"]") List<String> regions,
        Credentials credentials,

        @Schema(example = "{\"eks\": \"https://vpce-0123-abcd.eks.eu-west-1.vpce.amazonaws.com\"}")
        Map<String, String> endpoints) {

    /**
     * The account's keys; sealed at rest, never returned or logged.
     *
     * @param roleArn a role to assume with the keys (the platform then acts as that role)
     * @param externalId the external id the role's trust policy requires, if any
     * @param projectId Huawei Cloud only: the project (of the account's single region) the keys act in; absent, it
     *     is looked up per region
     */
    public record Credentials(
            @Schema(example = "AKIAIOSFODNN7EXAMPLE") String accessKeyId,

            @Schema(example = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
            String secretAccessKey,

            String sessionToken,

            @Schema(example = "arn:aws:iam::123456789012:role/cloudops")
            String roleArn,

            String externalId,

            @Schema(example = "0123456789abcdef0123456789abcdef")
            String projectId) {

        /** Keys without a project id. */
        public Credentials(
                String accessKeyId, String secretAccessKey, String sessionToken, String roleArn, String externalId) {
            this(accessKeyId, secretAccessKey, sessionToken, roleArn, externalId, null);
        }

        @Override
        public String toString() {
            return "Credentials[roleArn=" + roleArn + "]";
        }
    }

    @Override
    public String toString() {
        return "CloudAccountRequest[name=" + name + ", provider=" + provider + ", regions=" + regions + "]";
    }
}
