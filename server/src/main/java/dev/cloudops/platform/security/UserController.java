package dev.cloudops.platform.security;

import dev.cloudops.platform.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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

@Tag(name = "Users", description = "Platform users and their grants (platform administrators only)")
@RestController
@RequestMapping("/api/users")
@Validated
class UserController {

    record GrantBody(
            @NotNull Role role,
            Long clusterId,

            @Pattern(regexp = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?", message = "must be a valid namespace name")
            String namespace) {
        Grant toGrant() {
            return new Grant(role, clusterId, namespace);
        }
    }

    record CreateUser(@NotBlank String username, @NotBlank String password, List<@Valid GrantBody> grants) {}

    record PasswordBody(@NotBlank String password) {}

    record DisabledBody(boolean disabled) {}

    private final UserService users;
    private final AccessPolicy access;

    UserController(UserService users, AccessPolicy access) {
        this.users = users;
        this.access = access;
    }

    @Operation(summary = "Create a user")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    UserService.UserView create(@Valid @RequestBody CreateUser body) {
        access.requirePlatformAdmin();
        List<Grant> grants = body.grants() == null
                ? List.of()
                : body.grants().stream().map(GrantBody::toGrant).toList();
        return users.create(body.username(), body.password(), grants);
    }

    @Operation(summary = "List users")
    @GetMapping
    Page<UserService.UserView> list(
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        access.requirePlatformAdmin();
        return new Page<>(users.list(page, size), page, size, users.count());
    }

    @Operation(summary = "Get a user")
    @GetMapping("/{id}")
    UserService.UserView get(@PathVariable long id) {
        access.requirePlatformAdmin();
        return users.get(id);
    }

    @Operation(summary = "Replace a user's grants")
    @PutMapping("/{id}/grants")
    UserService.UserView grants(@PathVariable long id, @RequestBody List<@Valid GrantBody> grants) {
        access.requirePlatformAdmin();
        return users.replaceGrants(id, grants.stream().map(GrantBody::toGrant).toList());
    }

    @Operation(summary = "Set a user's password", description = "Revokes all of the user's tokens.")
    @PutMapping("/{id}/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void password(@PathVariable long id, @Valid @RequestBody PasswordBody body) {
        CurrentUser caller = access.current();
        if (caller.id() != id) {
            access.requirePlatformAdmin();
        }
        users.changePassword(id, body.password());
    }

    @Operation(summary = "Enable or disable a user", description = "Disabling revokes all of the user's tokens.")
    @PutMapping("/{id}/disabled")
    UserService.UserView disable(@PathVariable long id, @RequestBody DisabledBody body) {
        access.requirePlatformAdmin();
        return users.setDisabled(id, body.disabled(), access.current());
    }

    @Operation(summary = "Delete a user")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        access.requirePlatformAdmin();
        users.delete(id, access.current());
    }
}
