package dev.cloudops.demo;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Namespaces with their team and environment labels, service accounts, config maps and the one secret. */
final class DemoNamespaces {

    private record Tenant(String name, String team, String env, int ageDays) {}

    private static final List<Tenant> TENANTS = List.of(
            new Tenant("default", "platform", "dev", 92),
            new Tenant("kube-system", "platform", "prod", 92),
            new Tenant("shop", "storefront", "prod", 61),
            new Tenant("payments", "payments", "prod", 75),
            new Tenant("monitoring", "sre", "prod", 40),
            new Tenant("staging", "storefront", "staging", 30));

    static final List<String> NAMES = TENANTS.stream().map(Tenant::name).toList();

    private DemoNamespaces() {}

    static String team(String namespace) {
        return tenant(namespace).team();
    }

    static String env(String namespace) {
        return tenant(namespace).env();
    }

    private static Tenant tenant(String namespace) {
        return TENANTS.stream()
                .filter(t -> t.name().equals(namespace))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a demo namespace: " + namespace));
    }

    static List<Namespace> namespaces(Instant now) {
        return TENANTS.stream()
                .map(t -> new NamespaceBuilder()
                        .withMetadata(new ObjectMetaBuilder()
                                .withName(t.name())
                                .withUid(DemoIds.uid("Namespace/" + t.name()))
                                .withCreationTimestamp(DemoIds.time(now.minus(Duration.ofDays(t.ageDays()))))
                                .addToLabels("kubernetes.io/metadata.name", t.name())
                                .addToLabels("team", t.team())
                                .addToLabels("env", t.env())
                                .build())
                        .withNewSpec()
                        .addToFinalizers("kubernetes")
                        .endSpec()
                        .withNewStatus()
                        .withPhase("Active")
                        .endStatus()
                        .build())
                .toList();
    }

    /** A {@code default} account per namespace plus every account a workload runs as. */
    static List<ServiceAccount> serviceAccounts(List<DemoWorkload> workloads, Instant now) {
        Set<String> keys = new LinkedHashSet<>();
        NAMES.forEach(ns -> keys.add(ns + "/default"));
        workloads.forEach(w -> keys.add(w.namespace + "/" + w.serviceAccount));
        List<ServiceAccount> accounts = new ArrayList<>();
        for (String key : keys) {
            String namespace = key.substring(0, key.indexOf('/'));
            String name = key.substring(key.indexOf('/') + 1);
            accounts.add(new ServiceAccountBuilder()
                    .withMetadata(meta("ServiceAccount", namespace, name, now))
                    .build());
        }
        return accounts;
    }

    static List<ConfigMap> configMaps(Instant now) {
        return List.of(
                configMap("kube-system", "coredns", now, "Corefile", """
                        .:53 {
                            errors
                            health {
                               lameduck 5s
                            }
                            ready
                            kubernetes cluster.local in-addr.arpa ip6.arpa {
                               pods insecure
                               fallthrough in-addr.arpa ip6.arpa
                               ttl 30
                            }
                            prometheus :9153
                            forward . /etc/resolv.conf {
                               max_concurrent 1000
                            }
                            cache 30
                            loop
                            reload
                            loadbalance
                        }
                        """),
                configMap("kube-system", "kube-proxy", now, "config.conf", """
                        apiVersion: kubeproxy.config.k8s.io/v1alpha1
                        kind: KubeProxyConfiguration
                        clusterCIDR: 10.244.0.0/16
                        mode: iptables
                        """),
                configMap("monitoring", "prometheus-config", now, "prometheus.yml", """
                        global:
                          scrape_interval: 30s
                          evaluation_interval: 30s
                        scrape_configs:
                          - job_name: kubernetes-pods
                            kubernetes_sd_configs:
                              - role: pod
                          - job_name: node-exporter
                            static_configs:
                              - targets: ['192.168.10.10:9100', '192.168.10.11:9100', '192.168.10.12:9100']
                        """),
                configMap("monitoring", "grafana-datasources", now, "datasources.yaml", """
                        apiVersion: 1
                        datasources:
                          - name: Prometheus
                            type: prometheus
                            url: http://prometheus.monitoring.svc.cluster.local:9090
                            isDefault: true
                        """),
                configMap("shop", "web-config", now, "application.yaml", """
                        server:
                          port: 8080
                        storefront:
                          cart-url: http://cart.shop.svc.cluster.local:8080
                          checkout-url: http://checkout.shop.svc.cluster.local:8080
                          feature-flags:
                            new-search: false
                        """),
                configMap("staging", "web-config", now, "application.yaml", """
                        server:
                          port: 8080
                        storefront:
                          cart-url: http://cart.staging.svc.cluster.local:8080
                          feature-flags:
                            new-search: true
                        """),
                configMap(
                        "payments",
                        "payments-api-config",
                        now,
                        "LEDGER_URL",
                        "http://ledger.payments.svc.cluster.local:8080",
                        "FRAUD_URL",
                        "http://fraud-detector.payments.svc.cluster.local:8080",
                        "CURRENCY_DEFAULT",
                        "EUR"));
    }

    /** The one secret: dummy database credentials that are obviously not real ones. */
    static List<Secret> secrets(Instant now) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("username", base64("payments"));
        data.put("password", base64("demo-not-a-real-password"));
        data.put("url", base64("postgresql://payments-db.payments.svc.cluster.local:5432/payments"));
        return List.of(new SecretBuilder()
                .withMetadata(meta("Secret", "payments", "payments-db-credentials", now))
                .withType("Opaque")
                .withData(data)
                .build());
    }

    private static ConfigMap configMap(String namespace, String name, Instant now, String... keyValues) {
        Map<String, String> data = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            data.put(keyValues[i], keyValues[i + 1]);
        }
        return new ConfigMapBuilder()
                .withMetadata(meta("ConfigMap", namespace, name, now))
                .withData(data)
                .build();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Metadata for namespaced objects created together with their namespace. */
    static ObjectMeta meta(String kind, String namespace, String name, Instant now) {
        return new ObjectMetaBuilder()
                .withNamespace(namespace)
                .withName(name)
                .withUid(DemoIds.uid(kind + "/" + namespace + "/" + name))
                .withCreationTimestamp(
                        DemoIds.time(now.minus(Duration.ofDays(tenant(namespace).ageDays()))))
                .build();
    }

    /** The key the seeder and the fixtures use to find an object again: {@code Kind/namespace/name}. */
    static String key(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return object.getKind() + "/" + (namespace == null ? "" : namespace) + "/"
                + object.getMetadata().getName();
    }
}
