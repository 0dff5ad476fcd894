package dev.cloudops.platform.audit;

import java.time.Clock;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Places the audit filter around the security chain so that rejected calls are recorded too. */
@Configuration(proxyBeanMethods = false)
class AuditConfig {

    @Bean
    FilterRegistrationBean<AuditFilter> auditFilter(AuditService audit, JsonMapper json, Clock clock) {
        var registration = new FilterRegistrationBean<>(new AuditFilter(audit, json, clock));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }
}
