package dev.cloudops.backup;

import dev.cloudops.platform.error.ApiException;
import org.springframework.http.HttpStatus;

/** The problems of this feature, in one place. */
final class BackupProblems {

    private BackupProblems() {}

    static ApiException invalid(String code, String field, String detail) {
        return ApiException.badRequest(code, detail, field);
    }

    static ApiException definitionNotFound(long id) {
        return ApiException.notFound("backup-definition-not-found", "No backup definition " + id);
    }

    static ApiException backupNotFound(long id) {
        return ApiException.notFound("backup-not-found", "No backup " + id);
    }

    static ApiException jobNotFound(long id) {
        return ApiException.notFound("job-not-found", "No backup job " + id);
    }

    static ApiException tampered(long backupId, String detail) {
        return new ApiException(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "archive-tampered",
                "Backup " + backupId + " failed its integrity check: " + detail + ". Nothing was applied.");
    }

    static ApiException notReady(long backupId, String status) {
        return ApiException.conflict(
                "backup-not-ready", "Backup " + backupId + " is " + status + ", not COMPLETED", "id");
    }
}
