package dev.cloudops.kube;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamespaceGuardTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            nullValues = "null",
            value = {
                "/api/v1/namespaces/shop/pods, shop",
                "/api/v1/namespaces/shop/pods/web-1/log, shop",
                "/apis/apps/v1/namespaces/pay/deployments/x, pay",
                "/api/v1/namespaces/shop, shop",
                "/api/v1/namespaces, null",
                "/api/v1/pods, null",
                "/api/v1/nodes/n1, null",
            })
    @org.junit.jupiter.api.DisplayName(
            "the namespace a request path addresses is found, or none for cluster-wide paths")
    void namespaceOf(String path, String namespace) {
        assertThat(NamespaceGuard.namespaceOf(path)).isEqualTo(namespace);
    }
}
