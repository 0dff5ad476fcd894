package dev.cloudops.cloud.aws;

import dev.cloudops.cloud.CloudProblems;
import dev.cloudops.platform.error.ApiException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one translation of AWS failures into the platform's cloud problems, by AWS error code first and HTTP
 * status second. Messages name the AWS error code and request id; the credential-related ones do not repeat
 * AWS's text, which may quote the access key.
 */
final class AwsErrors {

    private static final Set<String> AUTH = Set.of(
            "UnrecognizedClientException",
            "InvalidClientTokenId",
            "SignatureDoesNotMatch",
            "IncompleteSignature",
            "InvalidSignatureException",
            "MissingAuthenticationToken",
            "MissingAuthenticationTokenException",
            "ExpiredToken",
            "ExpiredTokenException",
            "AuthFailure",
            "InvalidAccessKeyId");
    private static final Set<String> DENIED = Set.of(
            "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "NotAuthorizedException", "Forbidden");
    private static final Set<String> NOT_FOUND =
            Set.of("ResourceNotFoundException", "NotFoundException", "NoSuchEntity");
    private static final Set<String> QUOTA = Set.of(
            "ResourceLimitExceededException",
            "ServiceQuotaExceededException",
            "LimitExceededException",
            "LimitExceeded",
            "QuotaExceededException");
    private static final Set<String> CONFLICT =
            Set.of("ResourceInUseException", "ResourcePropagationDelayException", "ConflictException");
    private static final Set<String> INVALID = Set.of(
            "InvalidParameterException",
            "InvalidRequestException",
            "InvalidParameterValue",
            "InvalidParameterCombinationException",
            "ValidationError",
            "ValidationException",
            "UnsupportedAvailabilityZoneException",
            "InvalidParameterValueException",
            "MissingParameter",
            "ClientException");

    private AwsErrors() {}

    static ApiException translate(String service, SdkException e) {
        AwsServiceException aws = serviceCause(e);
        if (aws == null) {
            String detail = e instanceof SdkClientException ? rootMessage(e) : e.getMessage();
            return CloudProblems.unavailable("AWS " + service + " could not be reached: " + detail);
        }
        String code =
                aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
        String message =
                aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorMessage();
        String tail = " (" + code + ", HTTP " + aws.statusCode() + ", request " + aws.requestId() + ")";
        int status = aws.statusCode();
        if (code != null && AUTH.contains(code)) {
            return CloudProblems.authFailed("AWS refused the account's credentials" + tail);
        }
        if (code != null && DENIED.contains(code) && message != null && message.contains("sts:AssumeRole")) {
            return CloudProblems.authFailed("The account's keys may not assume its role" + tail);
        }
        if ((code != null && DENIED.contains(code)) || status == 403) {
            return CloudProblems.accessDenied("AWS " + service + " denied the platform's identity: " + message + tail);
        }
        if ((code != null && NOT_FOUND.contains(code)) || status == 404) {
            return CloudProblems.notFound("AWS " + service + ": " + message + tail);
        }
        if (code != null && QUOTA.contains(code)) {
            return CloudProblems.quotaExceeded("AWS " + service + " quota exceeded: " + message + tail);
        }
        if (aws.isThrottlingException() || status == 429) {
            return CloudProblems.throttled("AWS " + service + " kept throttling after retries: " + message + tail);
        }
        if ((code != null && CONFLICT.contains(code)) || status == 409) {
            return CloudProblems.conflict("AWS " + service + ": " + message + tail);
        }
        if ((code != null && INVALID.contains(code)) || (status >= 400 && status < 500)) {
            return CloudProblems.invalidRequest("AWS " + service + " rejected the request: " + message + tail);
        }
        return CloudProblems.unavailable("AWS " + service + " failed: " + message + tail);
    }

    private static AwsServiceException serviceCause(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof AwsServiceException aws) {
                return aws;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e
                ? e.getMessage()
                : e.getMessage() + " (" + root.getClass().getSimpleName() + ")";
    }
}
