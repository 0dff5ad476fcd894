package dev.cloudops.cloud;

/**
 * Who the platform acts as in a cloud account, as the cloud itself reports it (AWS STS GetCallerIdentity and
 * its equivalents).
 *
 * @param account the cloud account / tenant id
 * @param principal the full principal (an ARN on AWS)
 * @param userId the cloud's id of that principal
 */
public record CloudIdentity(String account, String principal, String userId) {}
