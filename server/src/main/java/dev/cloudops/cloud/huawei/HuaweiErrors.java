package dev.cloudops.cloud.huawei;

import com.huaweicloud.sdk.core.exception.ServiceResponseException;
import dev.cloudops.cloud.CloudProblems;
import dev.cloudops.platform.error.ApiException;
import java.util.Locale;
import java.util.Set;

/**
 * The one translation of Huawei Cloud failures into the platform's cloud problems: by error code first (API
 * gateway {@code APIGW.*}, CCE {@code CCE.*}, IAM), HTTP status second. Details name the code and request id;
 * authentication failures do not repeat the cloud's text, which may quote the access key.
 */
final class HuaweiErrors {

    /** API gateway codes for a bad AK/SK, signature, security token or clock skew. */
    private static final Set<String> AUTH = Set.of(
            "APIGW.0301", "APIGW.0303", "APIGW.0305", "APIGW.0101", "IAM.0001", "IAM.0002", "IAM.0003", "IAM.0004");

    private static final Set<String> THROTTLED = Set.of("APIGW.0308", "CCE.01429001", "CES.0429");

    private HuaweiErrors() {}

    static ApiException translate(String service, RuntimeException e) {
        ServiceResponseException sre = serviceCause(e);
        if (sre == null) {
            String message = rootMessage(e);
            if (message != null && message.contains("project id")) {
                return CloudProblems.invalidRequest("Huawei Cloud IAM: " + message);
            }
            return CloudProblems.unavailable("Huawei Cloud " + service + " could not be reached: " + message);
        }
        String code = sre.getErrorCode();
        String message = sre.getErrorMsg();
        int status = sre.getHttpStatusCode();
        String tail = " (" + code + ", HTTP " + status + ", request " + sre.getRequestId() + ")";
        if ((code != null && AUTH.contains(code)) || status == 401) {
            return CloudProblems.authFailed("Huawei Cloud refused the account's credentials" + tail);
        }
        if (status == 403) {
            return CloudProblems.accessDenied(
                    "Huawei Cloud " + service + " denied the platform's identity: " + message + tail);
        }
        if (status == 404) {
            return CloudProblems.notFound("Huawei Cloud " + service + ": " + message + tail);
        }
        if ((code != null && THROTTLED.contains(code)) || status == 429) {
            return CloudProblems.throttled(
                    "Huawei Cloud " + service + " kept throttling after retries: " + message + tail);
        }
        if (quota(code, message)) {
            return CloudProblems.quotaExceeded("Huawei Cloud " + service + " quota exceeded: " + message + tail);
        }
        if (status == 409) {
            return CloudProblems.conflict("Huawei Cloud " + service + ": " + message + tail);
        }
        if (status >= 400 && status < 500) {
            return CloudProblems.invalidRequest("Huawei Cloud " + service + " rejected the request: " + message + tail);
        }
        return CloudProblems.unavailable("Huawei Cloud " + service + " failed: " + message + tail);
    }

    private static boolean quota(String code, String message) {
        String text = ((code == null ? "" : code) + " " + (message == null ? "" : message)).toLowerCase(Locale.ROOT);
        return text.contains("quota") || text.contains("insufficient resource");
    }

    private static ServiceResponseException serviceCause(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ServiceResponseException sre) {
                return sre;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : e.getMessage();
        return root == e ? message : message + " (" + root.getClass().getSimpleName() + ")";
    }
}
