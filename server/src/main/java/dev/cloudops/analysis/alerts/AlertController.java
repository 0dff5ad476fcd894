package dev.cloudops.analysis.alerts;

import dev.cloudops.platform.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(
        name = "Analysis: alerts",
        description = "Anomalies against each workload's own baseline, and the webhooks they are sent to")
@RestController
@RequestMapping("/api/k8s/analysis")
@Validated
class AlertController {

    private final AlertService alerts;
    private final WebhookService webhooks;

    AlertController(AlertService alerts, WebhookService webhooks) {
        this.alerts = alerts;
        this.webhooks = webhooks;
    }

    @Operation(
            summary = "List alerts of a cluster",
            description = "Newest first. Only alerts in namespaces the caller may read.")
    @ApiResponse(responseCode = "400", description = "invalid-state")
    @ApiResponse(responseCode = "403", description = "forbidden: no read grant on the cluster")
    @GetMapping("/alerts")
    Page<Alert> list(
            @RequestParam long clusterId,
            @Parameter(description = "open or resolved; both when omitted") @RequestParam(required = false)
                    String state,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return alerts.list(clusterId, state, page, size);
    }

    @Operation(summary = "Get an alert")
    @ApiResponse(responseCode = "404", description = "alert-not-found (also when the caller may not read it)")
    @GetMapping("/alerts/{id}")
    Alert get(@PathVariable long id) {
        return alerts.get(id);
    }

    @Operation(
            summary = "Acknowledge an alert",
            description = "Records who saw it and when (audited); it stays open until its condition clears. WRITE on"
                    + " its namespace.")
    @ApiResponse(responseCode = "403", description = "forbidden")
    @ApiResponse(responseCode = "404", description = "alert-not-found")
    @PostMapping("/alerts/{id}/ack")
    Alert ack(@PathVariable long id) {
        return alerts.ack(id);
    }

    @Operation(
            summary = "Add an alert webhook",
            description = "Platform administrators only. URL and secret are sealed and never answered.")
    @ApiResponse(responseCode = "201", description = "Added")
    @ApiResponse(
            responseCode = "400",
            description = "unknown-webhook-type, invalid-url, invalid-name, invalid-format, invalid-severity,"
                    + " invalid-secret")
    @ApiResponse(responseCode = "403", description = "forbidden: not a platform administrator")
    @ApiResponse(responseCode = "409", description = "duplicate-webhook-name")
    @PostMapping("/alert-webhooks")
    @ResponseStatus(HttpStatus.CREATED)
    WebhookView create(@RequestBody WebhookRequest request) {
        return webhooks.create(request);
    }

    @Operation(summary = "List alert webhooks", description = "Platform administrators only; sorted by name.")
    @GetMapping("/alert-webhooks")
    Page<WebhookView> listWebhooks(
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return webhooks.list(page, size);
    }

    @Operation(summary = "Get an alert webhook")
    @ApiResponse(responseCode = "404", description = "webhook-not-found")
    @GetMapping("/alert-webhooks/{id}")
    WebhookView getWebhook(@PathVariable long id) {
        return webhooks.get(id);
    }

    @Operation(summary = "Change an alert webhook", description = "Null fields stay; an empty secret removes signing.")
    @ApiResponse(responseCode = "404", description = "webhook-not-found")
    @PutMapping("/alert-webhooks/{id}")
    WebhookView update(@PathVariable long id, @RequestBody WebhookRequest request) {
        return webhooks.update(id, request);
    }

    @Operation(summary = "Remove an alert webhook", description = "Its delivery records go with it.")
    @ApiResponse(responseCode = "204", description = "Removed")
    @DeleteMapping("/alert-webhooks/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        webhooks.delete(id);
    }

    @Operation(
            summary = "Send a test message",
            description = "One attempt now, in the webhook's format and signed like alerts; answers the recorded"
                    + " delivery (state delivered or, after this single attempt, failed with the reason).")
    @PostMapping("/alert-webhooks/{id}/test")
    Delivery test(@PathVariable long id) {
        return webhooks.test(id);
    }

    @Operation(summary = "Deliveries of a webhook", description = "Newest first, with attempts and last error.")
    @GetMapping("/alert-webhooks/{id}/deliveries")
    Page<Delivery> deliveries(
            @PathVariable long id,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return webhooks.deliveries(id, page, size);
    }
}
