package dev.cloudops.analysis.polaris;

import java.util.EnumSet;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Polaris's security checks: pod and container security contexts, host access, secrets in specs, RBAC. */
@Component
class SecurityAnalyzer extends PolarisAnalyzer {

    SecurityAnalyzer() {
        super(EnumSet.allOf(PolarisCheck.class).stream()
                .filter(PolarisCheck::security)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(PolarisCheck.class))));
    }

    @Override
    public String name() {
        return "security";
    }

    @Override
    public String description() {
        return "Security checks (Polaris): privileged or root containers, capabilities, host namespaces, ports"
                + " and paths, credentials in env and ConfigMaps, network policies, Ingress TLS and RBAC grants"
                + " of exec, attach and cluster-admin";
    }
}
