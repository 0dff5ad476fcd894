package dev.cloudops.bench;

import dev.cloudops.analysis.Analyzer;
import dev.cloudops.platform.CloudOpsProperties;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds every {@link Analyzer} bean of the server the way the server does: a small Spring context scans
 * {@code dev.cloudops.analysis} (every bean lazy, so only analyzers and what they need are built) with the
 * {@code cloudops.*} settings records at their defaults. Analyzers added later are picked up without editing the
 * benchmark; one that needs what this context lacks (a cluster client …) is listed as skipped with the reason.
 */
final class AnalyzerDiscovery {

    /** What was found: the analyzers built, and those that could not be, with why. */
    record Found(List<Analyzer> analyzers, List<String> skipped) {

        List<Analyzer> specReaders() {
            return analyzers.stream().filter(Analyzer::readsSpecsOnly).toList();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConfigurationPropertiesScan("dev.cloudops.analysis")
    @EnableConfigurationProperties(CloudOpsProperties.class)
    static class Basics {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        JsonMapper jsonMapper() {
            return JsonMapper.builder().build();
        }
    }

    private AnalyzerDiscovery() {}

    static Found discover() {
        List<Analyzer> analyzers = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try (var context = new AnnotationConfigApplicationContext()) {
            context.register(Basics.class);
            context.scan("dev.cloudops.analysis");
            for (String name : context.getBeanDefinitionNames()) {
                BeanDefinition definition = context.getBeanDefinition(name);
                String type = definition.getBeanClassName();
                if (type != null && type.startsWith("dev.cloudops.analysis")) {
                    definition.setLazyInit(true);
                }
            }
            context.refresh();
            for (String name : context.getBeanNamesForType(Analyzer.class, true, false)) {
                try {
                    analyzers.add(context.getBean(name, Analyzer.class));
                } catch (BeansException e) {
                    skipped.add(name + " (" + rootMessage(e) + ")");
                }
            }
        }
        analyzers.sort(Comparator.comparing(Analyzer::name));
        return new Found(List.copyOf(analyzers), List.copyOf(skipped));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
