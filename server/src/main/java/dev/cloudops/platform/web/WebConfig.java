package dev.cloudops.platform.web;

import dev.cloudops.platform.CloudOpsProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The body limit wraps everything, the audit filter and the security chain included. */
@Configuration(proxyBeanMethods = false)
class WebConfig {

    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(CloudOpsProperties properties, JsonMapper json) {
        var registration = new FilterRegistrationBean<>(
                new BodyLimitFilter(properties.web().maxBodyBytes(), json));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 20);
        return registration;
    }
}
