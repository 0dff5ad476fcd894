package dev.cloudops.platform.audit;

import dev.cloudops.platform.security.AccessPolicy;
import dev.cloudops.platform.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Audit", description = "The append-only audit trail (platform administrators only)")
@RestController
@RequestMapping("/api/audit")
@Validated
class AuditController {

    private final AuditService audit;
    private final AccessPolicy access;

    AuditController(AuditService audit, AccessPolicy access) {
        this.audit = audit;
        this.access = access;
    }

    @Operation(summary = "Search the audit trail", description = "Newest first. Times are ISO-8601 instants.")
    @GetMapping
    Page<AuditEvent> find(
            @RequestParam(required = false) String user,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) Long clusterId,
            @RequestParam(required = false) String namespace,
            @RequestParam(required = false) @Pattern(regexp = "success|denied|failure") String result,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        access.requirePlatformAdmin();
        return audit.find(new AuditQuery(user, action, clusterId, namespace, result, from, to), page, size);
    }
}
