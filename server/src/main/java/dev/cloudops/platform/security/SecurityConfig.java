package dev.cloudops.platform.security;

import dev.cloudops.platform.error.ProblemHandler.Problems;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stateless bearer-token security: every endpoint but login, health and the API documents needs a token;
 * finer rights (role, cluster, namespace) are decided by {@link AccessPolicy} in the services.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    static final String[] PUBLIC = {
        "/api/auth/login",
        "/actuator/health",
        "/actuator/health/**",
        "/v3/api-docs",
        "/v3/api-docs/**",
        "/v3/api-docs.yaml",
        "/swagger-ui.html",
        "/swagger-ui/**",
        "/error",
        // Terminal WebSockets: browsers cannot send a bearer header there; a single-use ticket, issued to an
        // authenticated and authorised caller, is checked in the handshake instead.
        "/api/k8s/containers/*/*/*/*/exec/ws"
    };

    @Bean
    SecurityFilterChain api(HttpSecurity http, TokenService tokens, JsonMapper json) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .cors(cors -> cors.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new BearerTokenFilter(tokens), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        // An async dispatch only finishes a streamed answer (logs) whose request was
                        // already authorised; the bearer token is not read again on it.
                        .dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ASYNC)
                        .permitAll()
                        .requestMatchers(PUBLIC)
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> write(
                                json,
                                response,
                                Problems.of(
                                        HttpStatus.UNAUTHORIZED,
                                        request.getAttribute(BearerTokenFilter.REJECTED) != null
                                                ? "invalid-token"
                                                : "unauthenticated",
                                        request.getAttribute(BearerTokenFilter.REJECTED) != null
                                                ? "The bearer token is unknown, expired or revoked"
                                                : "Authentication is required: send 'Authorization: Bearer <token>'",
                                        null)))
                        .accessDeniedHandler((request, response, ex) -> write(
                                json,
                                response,
                                Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Access denied", null))));
        return http.build();
    }

    private static void write(JsonMapper json, HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType("application/problem+json");
        if (problem.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        var body = new java.util.LinkedHashMap<String, Object>();
        var properties = problem.getProperties();
        body.put("type", String.valueOf(problem.getType()));
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (properties != null) {
            body.putAll(properties);
        }
        json.writeValue(response.getOutputStream(), body);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
