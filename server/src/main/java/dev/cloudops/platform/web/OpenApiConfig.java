package dev.cloudops.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's frame: title, bearer authentication, and the RFC 9457 problem answers that every
 * operation may give (400, 401, 403, 404 with their stable {@code code}).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Bean
    OpenAPI cloudOpsOpenApi() {
        Schema<?> problem = new Schema<>()
                .type("object")
                .description(
                        "RFC 9457 problem; 'code' is stable and machine-readable, 'field' names the offending input")
                .addProperty(
                        "type", new Schema<>().type("string").example("https://cloudops.dev/problems/invalid-name"))
                .addProperty("title", new Schema<>().type("string").example("Bad Request"))
                .addProperty("status", new Schema<>().type("integer").example(400))
                .addProperty("detail", new Schema<>().type("string").example("Cluster name must be an RFC 1123 label"))
                .addProperty("code", new Schema<>().type("string").example("invalid-name"))
                .addProperty("field", new Schema<>().type("string").example("name"));
        return new OpenAPI()
                .info(new Info()
                        .title("CloudOps K8s API")
                        .version("0.1.0")
                        .description("Multi-cluster Kubernetes operations. Log in at POST /api/auth/login and send"
                                + " 'Authorization: Bearer <token>'. Errors are application/problem+json.")
                        .license(new License().name("Apache-2.0")))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer"))
                        .addSchemas("Problem", problem))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    @Bean
    OpenApiCustomizer problemResponses() {
        Map<String, String> common = Map.of(
                "400", "Invalid input (problem code names the fault)",
                "401", "unauthenticated or invalid-token",
                "403", "forbidden: the caller's grants do not allow this");
        return api -> api.getPaths()
                .values()
                .forEach(path -> path.readOperations()
                        .forEach(op -> common.forEach((status, text) -> {
                            if (op.getResponses() != null && !op.getResponses().containsKey(status)) {
                                op.getResponses()
                                        .addApiResponse(
                                                status,
                                                new ApiResponse()
                                                        .description(text)
                                                        .content(new Content()
                                                                .addMediaType(
                                                                        "application/problem+json",
                                                                        new MediaType()
                                                                                .schema(new Schema<>()
                                                                                        .$ref(PROBLEM_REF)))));
                            }
                        })));
    }
}
