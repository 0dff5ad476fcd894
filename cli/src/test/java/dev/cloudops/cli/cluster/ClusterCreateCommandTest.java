package dev.cloudops.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("cluster create request")
class ClusterCreateCommandTest {

    @Test
    @DisplayName("toString never shows the kubeconfig, which carries credentials")
    void redacted() {
        String text = new ClusterCreateCommand.CreateRequest(
                        "demo", "users: [{user: {token: kube-secret}}]", "ctx", "prod", List.of("a"), List.of())
                .toString();

        assertThat(text).contains("demo").contains("prod").doesNotContain("kube-secret");
    }
}
