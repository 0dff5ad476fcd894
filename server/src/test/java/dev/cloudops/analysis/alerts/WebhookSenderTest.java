package dev.cloudops.analysis.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WebhookSenderTest {

    private static final String ROBOT = "https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef";

    @Test
    @DisplayName("a failure's message never carries the robot's URL or its access token")
    void messagesWithoutTheTarget() {
        assertThat(WebhookSender.withoutTarget("Illegal character in query at index 40: " + ROBOT, ROBOT))
                .isEqualTo("Illegal character in query at index 40: <webhook URL>")
                .doesNotContain("0123456789abcdef");
        assertThat(WebhookSender.withoutTarget("bad query access_token=0123456789abcdef", ROBOT))
                .isEqualTo("bad query <query>");
        assertThat(WebhookSender.withoutTarget("Connection refused", ROBOT)).isEqualTo("Connection refused");
        assertThat(WebhookSender.withoutTarget(null, ROBOT)).isEmpty();
        assertThat(WebhookSender.withoutTarget("to https://hooks.example.com/x failed", "https://hooks.example.com/x"))
                .isEqualTo("to <webhook URL> failed");
    }
}
