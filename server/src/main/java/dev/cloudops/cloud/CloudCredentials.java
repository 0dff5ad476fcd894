package dev.cloudops.cloud;

/**
 * The secret half of a cloud account, as unsealed for one call. Never logged, never returned: {@link #toString()}
 * names no value.
 *
 * @param accessKeyId access key id (AWS {@code AKIA…}/{@code ASIA…}, Alibaba AccessKey ID, Tencent SecretId, Huawei AK)
 * @param secretAccessKey the matching secret
 * @param sessionToken optional session token of temporary credentials
 * @param roleArn optional role to assume with the keys above (AWS role ARN, Alibaba RAM role ARN …)
 * @param externalId optional external id required by the role's trust policy
 * @param projectId optional project the keys act in, for clouds whose APIs are project-scoped (Huawei Cloud);
 *     absent, the provider looks it up per region
 */
public record CloudCredentials(
        String accessKeyId,
        String secretAccessKey,
        String sessionToken,
        String roleArn,
        String externalId,
        String projectId) {

    /** Credentials without a project. */
    public CloudCredentials(
            String accessKeyId, String secretAccessKey, String sessionToken, String roleArn, String externalId) {
        this(accessKeyId, secretAccessKey, sessionToken, roleArn, externalId, null);
    }

    /** The last four characters of the access key id, enough to tell keys apart in a list. */
    public String hint() {
        return accessKeyId == null || accessKeyId.length() < 8
                ? null
                : "…" + accessKeyId.substring(accessKeyId.length() - 4);
    }

    @Override
    public String toString() {
        return "CloudCredentials[accessKey=" + hint() + ", roleArn=" + roleArn + "]";
    }
}
