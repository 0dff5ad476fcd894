/**
 * The Huawei Cloud CCE adapter: CCE, IAM and Cloud Eye through the Huawei Cloud SDK for Java v3 (its
 * SDK-HMAC-SHA256 signing, project resolution and retries; nothing hand-rolled). Required IAM permissions: {@code
 * docs/cloud-huawei.md}.
 */
package dev.cloudops.cloud.huawei;
