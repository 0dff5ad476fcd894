package dev.cloudops.cloud.aliyun;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.tea.TeaException;
import com.aliyun.tea.TeaUnretryableException;
import dev.cloudops.cloud.CloudProblems;
import dev.cloudops.platform.error.ApiException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Alibaba Cloud errors map to the platform's cloud problems by error code, then by HTTP status")
class AliyunErrorsTest {

    @ParameterizedTest(name = "{0} (HTTP {1}) → {2}")
    @CsvSource({
        "InvalidAccessKeyId.NotFound, 404, cloud-auth-failed, 422, false",
        "SignatureDoesNotMatch, 400, cloud-auth-failed, 422, false",
        "InvalidSecurityToken.Expired, 400, cloud-auth-failed, 422, false",
        "Forbidden.RAM, 403, cloud-access-denied, 403, false",
        "NoPermission, 403, cloud-access-denied, 403, false",
        "Forbidden.SomethingNew, 400, cloud-access-denied, 403, false",
        "ErrorClusterNotFound, 404, cloud-not-found, 404, false",
        "ErrorNodePoolNotFound, 400, cloud-not-found, 404, false",
        "QuotaExceeded.Cluster, 400, cloud-quota-exceeded, 422, false",
        "Account.InsufficientBalance, 400, cloud-quota-exceeded, 422, false",
        "Throttling.User, 400, cloud-throttled, 429, true",
        "Throttling, 429, cloud-throttled, 429, true",
        "ErrorClusterNameAlreadyExist, 400, cloud-conflict, 409, false",
        "Whatever, 409, cloud-conflict, 409, false",
        "InvalidParameter, 400, cloud-invalid-request, 422, false",
        "ServiceUnavailable, 503, cloud-unavailable, 503, true",
        "InternalError, 500, cloud-unavailable, 503, true",
        "Whatever, 403, cloud-access-denied, 403, false",
        "Whatever, 404, cloud-not-found, 404, false"
    })
    void mapsServiceErrors(String code, int http, String problem, int status, boolean retryable) {
        TeaException e = tea(code, http, "message of " + code);
        ApiException api = AliyunErrors.translate("ACK", e);
        assertThat(api.code()).isEqualTo(problem);
        assertThat(api.status().value()).isEqualTo(status);
        assertThat(api.getMessage()).contains(code).contains("req-42");
        assertThat(AliyunErrors.retryable(e)).isEqualTo(retryable);
    }

    @Test
    @DisplayName("credential errors do not repeat Alibaba's text, which may quote what was signed")
    void credentialTextNotRepeated() {
        ApiException api = AliyunErrors.translate(
                "STS", tea("SignatureDoesNotMatch", 400, "server string to sign is: POST LTAIsecretish"));
        assertThat(api.getMessage()).doesNotContain("LTAIsecretish");
    }

    @Test
    @DisplayName("no answer at all (connection refused, timeout) is 503 cloud-unavailable, and retried")
    void networkFailure() {
        var e = new TeaUnretryableException(new IOException("Connection refused"));
        ApiException api = AliyunErrors.translate("ACK", e);
        assertThat(api.code()).isEqualTo("cloud-unavailable");
        assertThat(api.getMessage()).contains("Connection refused");
        assertThat(AliyunErrors.retryable(e)).isTrue();
        assertThat(AliyunErrors.retryable(new IllegalStateException("bug"))).isFalse();
        assertThat(AliyunErrors.translate("ACK", new IllegalStateException("odd"))
                        .code())
                .isEqualTo("cloud-unavailable");
    }

    @Test
    @DisplayName("a refused AssumeRole is the account's auth failure; passing trouble stays what it is")
    void roleRefused() {
        assertThat(AliyunErrors.roleRefused(CloudProblems.accessDenied("no")).code())
                .isEqualTo("cloud-auth-failed");
        assertThat(AliyunErrors.roleRefused(CloudProblems.throttled("slow")).code())
                .isEqualTo("cloud-throttled");
        ApiException already = CloudProblems.conflict("x");
        assertThat(AliyunErrors.translate("ACK", already)).isSameAs(already);
    }

    private static TeaException tea(String code, int status, String message) {
        Map<String, Object> data = new HashMap<>();
        data.put("code", code);
        data.put("message", message);
        data.put("requestId", "req-42");
        data.put("statusCode", status);
        Map<String, Object> map = new HashMap<>();
        map.put("code", code);
        map.put("message", "code: " + status + ", " + message + " request id: req-42");
        map.put("data", data);
        return new TeaException(map);
    }
}
