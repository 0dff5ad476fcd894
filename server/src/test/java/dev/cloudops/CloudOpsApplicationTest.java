package dev.cloudops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CloudOpsApplicationTest {

    @Test
    @DisplayName("--demo stands for cloudops.demo.enabled=true; other arguments pass through unchanged")
    void demoShortcut() {
        assertThat(CloudOpsApplication.expandShortcuts(new String[] {"--demo", "--server.port=9000"}))
                .containsExactly("--cloudops.demo.enabled=true", "--server.port=9000");
        assertThat(CloudOpsApplication.expandShortcuts(new String[] {"--demo=false"}))
                .containsExactly("--demo=false");
    }
}
