/**
 * The Alibaba Cloud ACK adapter: ACK (cs), STS, CloudMonitor and RAM through Alibaba Cloud's official Tea OpenAPI
 * SDKs (their ACS3-HMAC-SHA256 signing and endpoints; nothing hand-rolled), throttling retried with back-off.
 * Required RAM permissions: {@code docs/cloud-aliyun.md}.
 */
package dev.cloudops.cloud.aliyun;
