package dev.cloudops.cloud.tencent;

import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import dev.cloudops.cloud.CloudProblems;
import dev.cloudops.platform.error.ApiException;

/**
 * The one translation of Tencent Cloud failures into the platform's cloud problems, by the API's error code (its
 * prefix before the first dot, then the whole code). Messages name the code and request id; credential-related
 * ones do not repeat Tencent's text, which may quote the SecretId.
 */
final class TencentErrors {

    /** What the SDK reports when the HTTP status is not 200 (gateway failures, 5xx). */
    static final String SERVER_SIDE = "ServerSideError";

    private TencentErrors() {}

    /** The SDK exception behind {@code e}: itself, or the one a role session's renewal wrapped. */
    static TencentCloudSDKException sdkCause(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof TencentCloudSDKException sdk) {
                return sdk;
            }
        }
        return null;
    }

    /** Throttling, server errors and network failures are worth another try; nothing else is. */
    static boolean retryable(TencentCloudSDKException e) {
        String code = code(e);
        return code.isEmpty()
                || code.startsWith("RequestLimitExceeded")
                || code.equals(SERVER_SIDE)
                || code.equals("InternalError")
                || code.equals("ResourceUnavailable");
    }

    static ApiException translate(String service, TencentCloudSDKException e) {
        String code = code(e);
        if (code.isEmpty()) {
            return CloudProblems.unavailable("Tencent Cloud " + service + " could not be reached: " + rootMessage(e));
        }
        String tail = " (" + code + (blank(e.getRequestId()) ? "" : ", request " + e.getRequestId()) + ")";
        String message = e.getMessage();
        String family = code.contains(".") ? code.substring(0, code.indexOf('.')) : code;
        return switch (family) {
            case "AuthFailure", "InvalidCredential" ->
                CloudProblems.authFailed("Tencent Cloud refused the account's credentials" + tail);
            case "UnauthorizedOperation", "OperationDenied" ->
                service.equals("STS AssumeRole")
                        ? CloudProblems.authFailed("The account's keys may not assume its role" + tail)
                        : CloudProblems.accessDenied(
                                "Tencent Cloud " + service + " denied the platform's identity: " + message + tail);
            case "ResourceNotFound" -> CloudProblems.notFound("Tencent Cloud " + service + ": " + message + tail);
            case "LimitExceeded" ->
                CloudProblems.quotaExceeded("Tencent Cloud " + service + " quota exceeded: " + message + tail);
            case "RequestLimitExceeded" ->
                CloudProblems.throttled(
                        "Tencent Cloud " + service + " kept throttling after retries: " + message + tail);
            case "ResourceInUse", "ResourceUnavailable" ->
                CloudProblems.conflict("Tencent Cloud " + service + ": " + message + tail);
            case "InvalidParameter",
                    "InvalidParameterValue",
                    "MissingParameter",
                    "UnknownParameter",
                    "UnsupportedOperation",
                    "InvalidAction" ->
                CloudProblems.invalidRequest("Tencent Cloud " + service + " rejected the request: " + message + tail);
            case SERVER_SIDE, "InternalError" ->
                CloudProblems.unavailable("Tencent Cloud " + service + " failed: " + message + tail);
            default -> CloudProblems.invalidRequest("Tencent Cloud " + service + ": " + message + tail);
        };
    }

    private static String code(TencentCloudSDKException e) {
        return e.getErrorCode() == null ? "" : e.getErrorCode();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage();
        return root == e ? message : message + " (" + root.getClass().getSimpleName() + ")";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
