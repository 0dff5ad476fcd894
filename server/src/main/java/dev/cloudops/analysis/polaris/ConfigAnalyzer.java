package dev.cloudops.analysis.polaris;

import java.util.EnumSet;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Polaris's efficiency and reliability checks: resources, probes, images, replicas, budgets and autoscalers. */
@Component
class ConfigAnalyzer extends PolarisAnalyzer {

    ConfigAnalyzer() {
        super(EnumSet.allOf(PolarisCheck.class).stream()
                .filter(c -> !c.security())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(PolarisCheck.class))));
    }

    @Override
    public String name() {
        return "config";
    }

    @Override
    public String description() {
        return "Configuration best practices (Polaris efficiency and reliability checks): resource requests and"
                + " limits, probes, image tags and pull policy, replicas, disruption budgets, autoscalers and"
                + " topology spread";
    }
}
