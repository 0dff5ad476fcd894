/**
 * Cross-cutting platform services: RFC 9457 errors, secret sealing, users/roles/grants and tokens, the
 * audit trail, web limits and fleet-wide job locks. Every other feature may use it; it depends on none.
 */
package dev.cloudops.platform;
