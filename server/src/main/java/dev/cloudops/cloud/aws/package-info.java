/**
 * The Amazon EKS adapter: EKS, STS and CloudWatch through the AWS SDK for Java v2 (its signing, retries and
 * endpoint resolution; nothing hand-rolled). Required IAM permissions: {@code docs/cloud-aws.md}.
 */
package dev.cloudops.cloud.aws;
