/**
 * The Tencent Cloud TKE adapter: TKE, STS, Cloud Monitor and CAM through the official Tencent Cloud SDK for Java
 * (its TC3-HMAC-SHA256 signing and models; nothing hand-rolled). Required CAM permissions: {@code
 * docs/cloud-tencent.md}.
 */
package dev.cloudops.cloud.tencent;
