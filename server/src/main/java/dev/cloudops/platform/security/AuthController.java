package dev.cloudops.platform.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Authentication", description = "Login tokens and API tokens for the CLI and MCP clients")
@RestController
@RequestMapping("/api/auth")
class AuthController {

    record LoginRequest(
            @NotBlank @Size(max = 64) String username,
            @NotBlank @Size(max = 128) String password) {}

    record LoginResponse(String token, Instant expiresAt) {}

    record ApiTokenRequest(
            @NotBlank @Size(max = 128) String name, @Min(1) Integer expiresInDays) {}

    record Me(long id, String username, boolean platformAdmin, List<Grant> grants) {}

    private final UserService users;
    private final TokenService tokens;
    private final AccessPolicy access;

    AuthController(UserService users, TokenService tokens, AccessPolicy access) {
        this.users = users;
        this.tokens = tokens;
        this.access = access;
    }

    @Operation(
            summary = "Log in with a password",
            description =
                    "Answers a bearer token. Five consecutive failures lock the account for 15 minutes (429 login-locked).")
    @PostMapping("/login")
    LoginResponse login(@Valid @RequestBody LoginRequest request) {
        var issued = users.login(request.username(), request.password());
        return new LoginResponse(issued.token(), issued.expiresAt());
    }

    @Operation(summary = "Log out", description = "Revokes the bearer token of this request.")
    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(
            @org.springframework.web.bind.annotation.RequestHeader(org.springframework.http.HttpHeaders.AUTHORIZATION)
                    String authorization) {
        access.current();
        tokens.revokePresented(authorization.substring("Bearer ".length()).trim());
    }

    @Operation(summary = "Who am I", description = "The caller's user and grants.")
    @GetMapping("/me")
    Me me() {
        CurrentUser user = access.current();
        return new Me(user.id(), user.username(), user.isPlatformAdmin(), user.grants());
    }

    @Operation(summary = "Create an API token", description = "The token is shown once; only its hash is kept.")
    @PostMapping("/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    TokenService.IssuedToken createToken(@Valid @RequestBody ApiTokenRequest request) {
        int days = request.expiresInDays() == null ? 90 : request.expiresInDays();
        return tokens.issueApiToken(access.current(), request.name(), Duration.ofDays(days));
    }

    @Operation(summary = "List my API tokens", description = "Never includes the tokens themselves.")
    @GetMapping("/tokens")
    List<TokenService.TokenInfo> listTokens() {
        return tokens.listApiTokens(access.current());
    }

    @Operation(summary = "Revoke one of my API tokens")
    @DeleteMapping("/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable long id) {
        tokens.revoke(access.current(), id);
    }
}
