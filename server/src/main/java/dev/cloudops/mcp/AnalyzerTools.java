package dev.cloudops.mcp;

import dev.cloudops.analysis.AnalysisEngine;
import dev.cloudops.analysis.AnalysisService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The seven analysis tools of the plan, one bean each, all through {@link AnalysisService}. */
@Configuration(proxyBeanMethods = false)
class AnalyzerTools {

    @Bean
    McpTool clusterScanTool(AnalysisService analysis, AnalysisEngine engine) {
        return new AnalyzerTool(
                "cluster_scan",
                "Scan a cluster",
                "Runs every analyzer (health, config, security, resources, performance, cost) on a cluster or one"
                        + " namespace: a 0-100 score per category and the findings, worst first, each with the"
                        + " offending object, a message and a fix.",
                null,
                false,
                analysis,
                engine);
    }

    @Bean
    McpTool resourcesMonitorTool(AnalysisService analysis, AnalysisEngine engine) {
        return new AnalyzerTool(
                "resources_monitor",
                "Monitor resource use",
                "Compares requests and limits with actual use (metrics.k8s.io when the cluster serves it):"
                        + " throttling and eviction risk, missing requests, restart rates.",
                "resources",
                false,
                analysis,
                engine);
    }

    @Bean
    McpTool configValidateTool(AnalysisService analysis, AnalysisEngine engine) {
        return new AnalyzerTool(
                "config_validate",
                "Validate configuration",
                "Checks workload configuration against best practices (the Polaris check set: probes, resources,"
                        + " image tags, replicas …) on a cluster, or offline on YAML given in 'manifest' before it"
                        + " is applied.",
                "config",
                true,
                analysis,
                engine);
    }

    @Bean
    McpTool healthCheckTool(AnalysisService analysis, AnalysisEngine engine) {
        return new AnalyzerTool(
                "health_check",
                "Check health",
                "Finds what is broken now: NotReady or pressured nodes, pods in CrashLoopBackOff, ImagePullBackOff,"
                        + " OOMKilled or Pending (with the scheduler's reason), high restart counts, workloads with"
                        + " unavailable replicas, pending PVCs, failing probes, warning events.",
                "health",
                false,
                analysis,
                engine);
    }

    @Bean
    McpTool performanceAnalyzeTool(AnalysisService analysis, AnalysisEngine engine) {
        return new AnalyzerTool(
                "performance_analyze",
                "Analyse performance",
                "Looks for performance problems: CPU throttling risk, memory close to limits, restart rates,"
                        + " long pending times, degrading gracefully when no metrics are served.",
                "performance",
                false,
                analysis,
                engine);
    }

    @Bean
    McpTool securityScanTool(AnalysisService analysis, AnalysisEngine engine) {
        return new AnalyzerTool(
                "security_scan",
                "Scan security",
                "Checks security settings: privileged or root containers, host namespaces, capabilities,"
                        + " writable root filesystems, and RBAC (wildcards, cluster-admin bindings, exec/attach"
                        + " grants).",
                "security",
                false,
                analysis,
                engine);
    }

    @Bean
    McpTool costAnalyzeTool(AnalysisService analysis, AnalysisEngine engine) {
        return new AnalyzerTool(
                "cost_analyze",
                "Analyse cost",
                "Estimates cost from requests and a price table, per namespace and workload, and finds idle and"
                        + " over-provisioned workloads with right-sizing suggestions.",
                "cost",
                false,
                analysis,
                engine);
    }
}
