package dev.cloudops.cloud.aliyun;

import com.aliyun.tea.TeaException;
import com.aliyun.tea.TeaUnretryableException;
import dev.cloudops.cloud.CloudProblems;
import dev.cloudops.platform.error.ApiException;
import java.util.Map;
import java.util.Set;

/**
 * The one translation of Alibaba Cloud failures into the platform's cloud problems: by the error code the API
 * answers (ACK's {@code code}, the RPC APIs' {@code Code}) first, the HTTP status second. Details name the code,
 * status and request id; for credential errors they do not repeat Alibaba's text, which may quote the key or the
 * string it signed.
 */
final class AliyunErrors {

    private static final Set<String> AUTH = Set.of(
            "InvalidAccessKeyId",
            "InvalidAccessKeyId.NotFound",
            "InvalidAccessKeyId.Inactive",
            "SignatureDoesNotMatch",
            "IncompleteSignature",
            "InvalidSecurityToken.Expired",
            "InvalidSecurityToken.Malformed",
            "InvalidSecurityToken.MismatchWithAccessKey",
            "SecurityTokenExpired",
            "MissingSecurityToken",
            "InvalidAuthorization");
    private static final Set<String> DENIED = Set.of(
            "Forbidden",
            "Forbidden.RAM",
            "Forbidden.AccessDenied",
            "Forbidden.NoPermission",
            "NoPermission",
            "ErrorRamPolicyConfig",
            "StatusForbidden",
            "AccessDenied");
    private static final Set<String> NOT_FOUND = Set.of(
            "ErrorClusterNotFound",
            "ClusterNotFound",
            "ErrorNodePoolNotFound",
            "NodePoolNotFound",
            "ErrorTaskNotFound",
            "EntityNotExist.User",
            "EntityNotExist.Role",
            "ErrorRamRoleNotExist");
    private static final Set<String> CONFLICT = Set.of(
            "ErrorClusterNameAlreadyExist",
            "ErrorNodePoolNameAlreadyExist",
            "ErrorClusterState",
            "ClusterStatusNotSupport",
            "ErrorTaskRunning",
            "OperationConflict",
            "IncorrectClusterStatus");

    private AliyunErrors() {}

    /** Throttling, 5xx answers and network failures are worth another try; anything else is not. */
    static boolean retryable(Throwable e) {
        if (e instanceof TeaUnretryableException) {
            return true; // the request never got an answer (connection refused, reset, timed out)
        }
        if (e instanceof TeaException t) {
            Integer status = status(t);
            return throttling(t.getCode()) || (status != null && (status == 429 || status >= 500));
        }
        return false;
    }

    static ApiException translate(String service, Throwable e) {
        if (e instanceof ApiException api) {
            return api;
        }
        if (e instanceof TeaUnretryableException || !(e instanceof TeaException)) {
            return CloudProblems.unavailable("Alibaba Cloud " + service + " could not be reached: " + rootMessage(e));
        }
        TeaException t = (TeaException) e;
        String code = t.getCode();
        Integer status = status(t);
        String message = message(t);
        String tail = " (" + code + ", HTTP " + status + ", request " + requestId(t) + ")";
        if (code != null && AUTH.contains(code)) {
            return CloudProblems.authFailed("Alibaba Cloud refused the account's credentials" + tail);
        }
        if ((code != null && (DENIED.contains(code) || code.startsWith("Forbidden")))
                || Integer.valueOf(403).equals(status)) {
            return CloudProblems.accessDenied(
                    "Alibaba Cloud " + service + " denied the platform's identity: " + message + tail);
        }
        if ((code != null && NOT_FOUND.contains(code)) || Integer.valueOf(404).equals(status)) {
            return CloudProblems.notFound("Alibaba Cloud " + service + ": " + message + tail);
        }
        if (code != null
                && (code.contains("Quota") || code.contains("LimitExceeded") || code.contains("Insufficient"))) {
            return CloudProblems.quotaExceeded("Alibaba Cloud " + service + " quota exceeded: " + message + tail);
        }
        if (throttling(code) || Integer.valueOf(429).equals(status)) {
            return CloudProblems.throttled(
                    "Alibaba Cloud " + service + " kept throttling after retries: " + message + tail);
        }
        if ((code != null && (CONFLICT.contains(code) || code.contains("AlreadyExist")))
                || Integer.valueOf(409).equals(status)) {
            return CloudProblems.conflict("Alibaba Cloud " + service + ": " + message + tail);
        }
        if (status != null && status >= 500) {
            return CloudProblems.unavailable("Alibaba Cloud " + service + " failed: " + message + tail);
        }
        return CloudProblems.invalidRequest("Alibaba Cloud " + service + " rejected the request: " + message + tail);
    }

    /** A failure of STS AssumeRole: refused keys or a role they may not assume are both the account's fault. */
    static ApiException roleRefused(ApiException e) {
        if ("cloud-auth-failed".equals(e.code()) || "cloud-access-denied".equals(e.code())) {
            return CloudProblems.authFailed("The account's keys may not assume its role: " + e.getMessage());
        }
        return e;
    }

    private static boolean throttling(String code) {
        return code != null && (code.startsWith("Throttling") || code.equals("ServiceUnavailable.Throttling"));
    }

    private static Integer status(TeaException t) {
        if (t.getStatusCode() != null) {
            return t.getStatusCode();
        }
        Object status = t.getData() == null ? null : t.getData().get("statusCode");
        return status instanceof Number n ? n.intValue() : null;
    }

    private static String message(TeaException t) {
        Map<String, Object> data = t.getData();
        Object message = data == null ? null : first(data, "message", "Message");
        return message != null ? message.toString() : t.getMessage();
    }

    private static Object requestId(TeaException t) {
        Map<String, Object> data = t.getData();
        return data == null ? null : first(data, "requestId", "RequestId");
    }

    private static Object first(Map<String, Object> data, String... keys) {
        for (String key : keys) {
            if (data.get(key) != null) {
                return data.get(key);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return root == e ? text : text + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
