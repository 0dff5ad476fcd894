package dev.cloudops.demo;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** A custom resource definition, {@code backups.demo.cloudops.dev} (kind {@code Backup}), and three instances. */
final class DemoBackups {

    static final String GROUP = "demo.cloudops.dev";
    static final String VERSION = "v1";
    static final String KIND = "Backup";
    static final String PLURAL = "backups";
    static final String CRD_NAME = PLURAL + "." + GROUP;

    private record Instance(String namespace, String name, String schedule, String target, String retention) {}

    private static final List<Instance> INSTANCES = List.of(
            new Instance("shop", "postgres-nightly", "0 1 * * *", "statefulset/postgres", "14d"),
            new Instance("payments", "payments-db-hourly", "15 * * * *", "statefulset/payments-db", "72h"),
            new Instance("monitoring", "prometheus-weekly", "0 3 * * 0", "statefulset/prometheus", "8w"));

    private DemoBackups() {}

    static CustomResourceDefinition definition(Instant now) {
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata()
                .withName(CRD_NAME)
                .withUid(DemoIds.uid("CustomResourceDefinition/" + CRD_NAME))
                .withCreationTimestamp(DemoIds.time(now.minus(Duration.ofDays(60))))
                .addToLabels("app.kubernetes.io/part-of", "cloudops-demo")
                .endMetadata()
                .withNewSpec()
                .withGroup(GROUP)
                .withScope("Namespaced")
                .withNewNames()
                .withKind(KIND)
                .withListKind(KIND + "List")
                .withPlural(PLURAL)
                .withSingular("backup")
                .withShortNames("bk")
                .withCategories("all")
                .endNames()
                .addNewVersion()
                .withName(VERSION)
                .withServed(true)
                .withStorage(true)
                .withNewSubresources()
                .withNewStatus()
                .endStatus()
                .endSubresources()
                .addNewAdditionalPrinterColumn()
                .withName("Schedule")
                .withType("string")
                .withJsonPath(".spec.schedule")
                .endAdditionalPrinterColumn()
                .addNewAdditionalPrinterColumn()
                .withName("Target")
                .withType("string")
                .withJsonPath(".spec.target")
                .endAdditionalPrinterColumn()
                .addNewAdditionalPrinterColumn()
                .withName("Last Backup")
                .withType("date")
                .withJsonPath(".status.lastBackupTime")
                .endAdditionalPrinterColumn()
                .withNewSchema()
                .withOpenAPIV3Schema(schema())
                .endSchema()
                .endVersion()
                .endSpec()
                .withNewStatus()
                .withNewAcceptedNames()
                .withKind(KIND)
                .withListKind(KIND + "List")
                .withPlural(PLURAL)
                .withSingular("backup")
                .withShortNames("bk")
                .withCategories("all")
                .endAcceptedNames()
                .withStoredVersions(VERSION)
                .endStatus()
                .build();
    }

    private static JSONSchemaProps schema() {
        Map<String, JSONSchemaProps> spec = new LinkedHashMap<>();
        spec.put("schedule", string("Cron schedule in UTC, five fields", "^(\\S+\\s+){4}\\S+$"));
        spec.put("target", string("The workload to back up, as kind/name", "^[a-z]+/[a-z0-9]([-a-z0-9]*[a-z0-9])?$"));
        spec.put("retention", string("How long backups are kept, e.g. 72h, 14d, 8w", "^[0-9]+[hdw]$"));
        spec.put("suspend", new JSONSchemaPropsBuilder().withType("boolean").build());
        Map<String, JSONSchemaProps> status = new LinkedHashMap<>();
        status.put(
                "phase",
                new JSONSchemaPropsBuilder()
                        .withType("string")
                        .withEnum(Stream.of("Ready", "Running", "Failed")
                                .map(JsonNodeFactory.instance::stringNode)
                                .map(JsonNode.class::cast)
                                .toList())
                        .build());
        status.put(
                "lastBackupTime",
                new JSONSchemaPropsBuilder()
                        .withType("string")
                        .withFormat("date-time")
                        .build());
        status.put(
                "lastBackupSize",
                new JSONSchemaPropsBuilder().withType("string").build());
        status.put("message", new JSONSchemaPropsBuilder().withType("string").build());
        return new JSONSchemaPropsBuilder()
                .withType("object")
                .addToProperties(
                        "spec",
                        new JSONSchemaPropsBuilder()
                                .withType("object")
                                .withRequired("schedule", "target", "retention")
                                .withProperties(spec)
                                .build())
                .addToProperties(
                        "status",
                        new JSONSchemaPropsBuilder()
                                .withType("object")
                                .withProperties(status)
                                .build())
                .build();
    }

    private static JSONSchemaProps string(String description, String pattern) {
        return new JSONSchemaPropsBuilder()
                .withType("string")
                .withDescription(description)
                .withPattern(pattern)
                .build();
    }

    static List<GenericKubernetesResource> instances(Instant now) {
        return INSTANCES.stream()
                .map(i -> {
                    Map<String, Object> spec = new LinkedHashMap<>();
                    spec.put("schedule", i.schedule());
                    spec.put("target", i.target());
                    spec.put("retention", i.retention());
                    Map<String, Object> status = new LinkedHashMap<>();
                    Instant last = DemoBatch.lastSchedule(i.schedule(), now);
                    boolean failed = i.namespace().equals("monitoring");
                    status.put("phase", failed ? "Failed" : "Ready");
                    status.put("lastBackupTime", DemoIds.time(last));
                    status.put("lastBackupSize", failed ? "0" : (1 + Math.floorMod(DemoIds.hash(i.name()), 40)) + "Gi");
                    if (failed) {
                        status.put("message", "snapshot of data-prometheus-0 failed: volume is busy");
                    }
                    return new GenericKubernetesResourceBuilder()
                            .withApiVersion(GROUP + "/" + VERSION)
                            .withKind(KIND)
                            .withNewMetadata()
                            .withNamespace(i.namespace())
                            .withName(i.name())
                            .withUid(DemoIds.uid(KIND + "/" + i.namespace() + "/" + i.name()))
                            .withCreationTimestamp(DemoIds.time(now.minus(Duration.ofDays(30))))
                            .addToLabels("app.kubernetes.io/part-of", "cloudops-demo")
                            .endMetadata()
                            .withAdditionalProperties(Map.of("spec", spec, "status", status))
                            .build();
                })
                .toList();
    }
}
