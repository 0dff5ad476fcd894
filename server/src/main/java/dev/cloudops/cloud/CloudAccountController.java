package dev.cloudops.cloud;

import dev.cloudops.platform.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
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

@Tag(name = "Cloud accounts", description = "Cloud provider accounts with sealed credentials, and who may use them")
@RestController
@RequestMapping("/api/k8s/cloud")
@Validated
class CloudAccountController {

    private final CloudAccountService accounts;
    private final CloudProviders providers;

    CloudAccountController(CloudAccountService accounts, CloudProviders providers) {
        this.accounts = accounts;
        this.providers = providers;
    }

    @Operation(
            summary = "The cloud providers and whether this server can use them",
            description = "Providers without an adapter are listed with available=false; they are refused"
                    + " everywhere with 400 unknown-provider.")
    @GetMapping("/providers")
    List<CloudProviders.ProviderInfo> providers() {
        return providers.list();
    }

    @Operation(
            summary = "Add a cloud account",
            description = "Checks provider, regions, credentials and endpoints, then asks the cloud who the"
                    + " credentials belong to (AWS, Alibaba Cloud: STS GetCallerIdentity, after assuming the role if one"
                    + " is named)"
                    + " and only then stores the account, credentials sealed. Platform administrators only.")
    @ApiResponse(responseCode = "201", description = "Added; the answer names the identity the platform acts as")
    @ApiResponse(
            responseCode = "400",
            description = "unknown-provider, unknown-region, invalid-credentials, invalid-endpoint, invalid-name")
    @ApiResponse(responseCode = "409", description = "duplicate-account-name")
    @ApiResponse(responseCode = "422", description = "cloud-auth-failed: the cloud refused the credentials")
    @ApiResponse(responseCode = "503", description = "cloud-unavailable")
    @PostMapping("/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    CloudAccountView create(@RequestBody CloudAccountRequest request) {
        return accounts.create(request);
    }

    @Operation(summary = "List the cloud accounts the caller may use", description = "Sorted by name; never secrets.")
    @GetMapping("/accounts")
    Page<CloudAccountView> list(
            @RequestParam(required = false) String provider,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return accounts.list(provider, page, size);
    }

    @Operation(summary = "Get a cloud account")
    @ApiResponse(responseCode = "404", description = "cloud-account-not-found (also when the caller has no grant)")
    @GetMapping("/accounts/{id}")
    CloudAccountView get(@PathVariable long id) {
        return accounts.get(id);
    }

    @Operation(
            summary = "Change a cloud account",
            description = "Null fields stay. New credentials replace the old ones whole and, like new endpoints, are"
                    + " validated with the cloud first; the provider cannot change.")
    @ApiResponse(responseCode = "404", description = "cloud-account-not-found")
    @ApiResponse(responseCode = "409", description = "duplicate-account-name")
    @ApiResponse(responseCode = "422", description = "cloud-auth-failed")
    @PutMapping("/accounts/{id}")
    CloudAccountView update(@PathVariable long id, @RequestBody CloudAccountRequest request) {
        return accounts.update(id, request);
    }

    @Operation(
            summary = "Remove a cloud account",
            description = "Only once no cloud cluster is managed through it. The cloud is not touched.")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "409", description = "account-in-use")
    @DeleteMapping("/accounts/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        accounts.delete(id);
    }

    @Operation(
            summary = "Check an account's credentials with the cloud",
            description = "Answers the identity the platform acts as (account, principal, user id). OPERATOR on"
                    + " the account.")
    @ApiResponse(responseCode = "422", description = "cloud-auth-failed")
    @PostMapping("/accounts/{id}/validate")
    CloudIdentity validate(@PathVariable long id) {
        return accounts.validate(id);
    }

    @Operation(summary = "Who may use an account", description = "Platform administrators only.")
    @GetMapping("/accounts/{id}/grants")
    List<CloudAccountService.AccountGrant> grants(@PathVariable long id) {
        return accounts.grants(id);
    }

    @Operation(
            summary = "Replace who may use an account",
            description = "A JSON array of {userId, role}; role VIEWER, OPERATOR or ADMIN. Platform administrators"
                    + " only.")
    @ApiResponse(responseCode = "404", description = "cloud-account-not-found, user-not-found")
    @PutMapping("/accounts/{id}/grants")
    List<CloudAccountService.AccountGrant> replaceGrants(
            @PathVariable long id, @RequestBody List<CloudAccountService.AccountGrant> grants) {
        return accounts.replaceGrants(id, grants);
    }
}
