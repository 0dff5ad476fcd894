package dev.cloudops.platform.security;

import dev.cloudops.platform.web.RequestAttributes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns {@code Authorization: Bearer <token>} into the request's {@link CurrentUser}. Tokens are only read from
 * that header, never from a URL, where proxies and browser histories would keep them.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    static final String REJECTED = BearerTokenFilter.class.getName() + ".rejected";

    private final TokenService tokens;

    BearerTokenFilter(TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String presented = header.substring(7).trim();
            var user = presented.isEmpty() ? java.util.Optional.<CurrentUser>empty() : tokens.authenticate(presented);
            if (user.isPresent()) {
                var authorities = user.get().isPlatformAdmin()
                        ? List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))
                        : List.<SimpleGrantedAuthority>of();
                var auth = UsernamePasswordAuthenticationToken.authenticated(user.get(), null, authorities);
                SecurityContextHolder.getContext().setAuthentication(auth);
                request.setAttribute(RequestAttributes.CALLER, user.get().username());
            } else {
                request.setAttribute(REJECTED, Boolean.TRUE);
            }
        }
        chain.doFilter(request, response);
    }
}
