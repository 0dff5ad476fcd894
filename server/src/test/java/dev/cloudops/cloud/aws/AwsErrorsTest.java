package dev.cloudops.cloud.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.platform.error.ApiException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

@DisplayName("AWS errors map to the platform's cloud problems by error code, then by HTTP status")
class AwsErrorsTest {

    @ParameterizedTest(name = "{0} (HTTP {1}) → {2}")
    @CsvSource({
        "InvalidClientTokenId, 403, cloud-auth-failed, 422",
        "SignatureDoesNotMatch, 403, cloud-auth-failed, 422",
        "ExpiredTokenException, 403, cloud-auth-failed, 422",
        "UnrecognizedClientException, 403, cloud-auth-failed, 422",
        "AccessDeniedException, 403, cloud-access-denied, 403",
        "ResourceNotFoundException, 404, cloud-not-found, 404",
        "ResourceLimitExceededException, 400, cloud-quota-exceeded, 422",
        "ServiceQuotaExceededException, 402, cloud-quota-exceeded, 422",
        "ThrottlingException, 429, cloud-throttled, 429",
        "ResourceInUseException, 409, cloud-conflict, 409",
        "InvalidParameterException, 400, cloud-invalid-request, 422",
        "SomethingNew, 418, cloud-invalid-request, 422",
        "ServerException, 500, cloud-unavailable, 503",
        "Whatever, 403, cloud-access-denied, 403",
        "Whatever, 404, cloud-not-found, 404"
    })
    void mapsServiceErrors(String code, int http, String problem, int status) {
        AwsServiceException e = AwsServiceException.builder()
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage("message of " + code)
                        .build())
                .statusCode(http)
                .requestId("req-1")
                .build();
        ApiException api = AwsErrors.translate("EKS", e);
        assertThat(api.code()).isEqualTo(problem);
        assertThat(api.status().value()).isEqualTo(status);
        assertThat(api.getMessage()).contains(code).contains("req-1");
    }

    @ParameterizedTest(name = "assuming a role that refuses → auth failed")
    @CsvSource({"AccessDenied"})
    void roleRefusal(String code) {
        AwsServiceException e = AwsServiceException.builder()
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage("not authorized to perform: sts:AssumeRole on resource")
                        .build())
                .statusCode(403)
                .build();
        assertThat(AwsErrors.translate("STS", e).code()).isEqualTo("cloud-auth-failed");
        assertThat(AwsErrors.translate("STS", SdkClientException.create("wrapped", e))
                        .code())
                .isEqualTo("cloud-auth-failed");
    }

    @ParameterizedTest(name = "client failures are cloud-unavailable")
    @CsvSource({"Connection refused"})
    void clientErrors(String message) {
        var api = AwsErrors.translate(
                "EKS",
                SdkClientException.create("Unable to execute HTTP request", new java.net.ConnectException(message)));
        assertThat(api.code()).isEqualTo("cloud-unavailable");
        assertThat(api.status().value()).isEqualTo(503);
        assertThat(api.getMessage()).contains("ConnectException");
    }
}
