package dev.cloudops.analysis.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cloudops.analysis.Severity;
import dev.cloudops.analysis.usage.Workload;
import dev.cloudops.testing.MockCluster;
import dev.cloudops.testing.PlatformIT;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@DisplayName("Alerts and webhooks through the API")
@TestPropertySource(
        properties = {
            "cloudops.analysis.alerts.enabled=false",
            "cloudops.analysis.alerts.delivery-tick=1h",
            "cloudops.analysis.alerts.delivery-backoff=50ms",
            "cloudops.analysis.alerts.delivery-attempts=2"
        })
class AlertsIT extends PlatformIT {

    private static final WireMockServer HOOKS = start();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    AlertService alerts;

    @Autowired
    AlertJobs jobs;

    private static WireMockServer start() {
        WireMockServer server =
                new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        return server;
    }

    @AfterAll
    static void stop() {
        HOOKS.stop();
    }

    @BeforeEach
    void reset() {
        HOOKS.resetAll();
        HOOKS.stubFor(post(urlPathEqualTo("/generic")).willReturn(aResponse().withStatus(204)));
        HOOKS.stubFor(post(urlPathEqualTo("/robot/send"))
                .willReturn(aResponse().withStatus(200).withBody("{\"errcode\":0,\"errmsg\":\"ok\"}")));
        HOOKS.stubFor(post(urlPathEqualTo("/open-apis/bot/v2/hook/feishu-token-123"))
                .willReturn(aResponse().withStatus(200).withBody("{\"code\":0,\"msg\":\"success\",\"data\":{}}")));
        HOOKS.stubFor(post(urlPathEqualTo("/cgi-bin/webhook/send"))
                .willReturn(aResponse().withStatus(200).withBody("{\"errcode\":0,\"errmsg\":\"ok\"}")));
        HOOKS.stubFor(post(urlPathEqualTo("/refusing/robot/send"))
                .willReturn(
                        aResponse().withStatus(200).withBody("{\"errcode\":310000,\"errmsg\":\"sign not match\"}")));
    }

    private String hook(String path) {
        return "http://localhost:" + HOOKS.port() + path;
    }

    private long webhook(Map<String, Object> body) {
        var r = api.post("/api/k8s/analysis/alert-webhooks", body, admin);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().path("id").asLong();
    }

    private static Map<String, Object> body(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static LoggedRequest only(String path) {
        List<LoggedRequest> requests = HOOKS.findAll(postRequestedFor(urlPathEqualTo(path)));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static String hmacBase64(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return java.util.Base64.getEncoder().encodeToString(mac.doFinal(data));
    }

    @Test
    @DisplayName("DingTalk: markdown message, signed with timestamp and sign query parameters as DingTalk documents")
    void dingTalk() throws Exception {
        String secret = "SECdingtalk-secret-0123456789";
        long id = webhook(body(
                "name",
                unique("ding"),
                "type",
                "dingtalk",
                "webhookUrl",
                hook("/robot/send?access_token=ding-token-xyz"),
                "secret",
                secret));
        var sent = api.post("/api/k8s/analysis/alert-webhooks/" + id + "/test", Map.of(), admin);
        assertThat(sent.status()).as(sent.text()).isEqualTo(200);
        assertThat(sent.json().path("state").asString()).isEqualTo("delivered");
        assertThat(sent.json().path("attempts").asInt()).isEqualTo(1);

        LoggedRequest request = only("/robot/send");
        assertThat(request.queryParameter("access_token").firstValue()).isEqualTo("ding-token-xyz");
        String timestamp = request.queryParameter("timestamp").firstValue();
        String rawSign = request.getUrl().replaceAll(".*[?&]sign=([^&]*).*", "$1");
        assertThat(Math.abs(Long.parseLong(timestamp) - System.currentTimeMillis()))
                .isLessThan(60_000);
        String expected = hmacBase64(
                secret.getBytes(StandardCharsets.UTF_8), (timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8));
        // DingTalk wants the Base64 signature URL-encoded ('+' as %2B), so it survives query decoding.
        assertThat(rawSign).isEqualTo(java.net.URLEncoder.encode(expected, StandardCharsets.UTF_8));
        assertThat(URLDecoder.decode(rawSign, StandardCharsets.UTF_8)).isEqualTo(expected);
        JsonNode json = JSON.readTree(request.getBodyAsString());
        assertThat(json.path("msgtype").asString()).isEqualTo("markdown");
        assertThat(json.path("markdown").path("title").asString()).isEqualTo("CloudOps test message");
        assertThat(json.path("markdown").path("text").asString()).startsWith("### CloudOps test message");

        var shown = api.get("/api/k8s/analysis/alert-webhooks/" + id, admin);
        assertThat(shown.text()).doesNotContain(secret).doesNotContain("ding-token-xyz");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE detail LIKE '%ding-token-xyz%' OR detail LIKE :s")
                        .param("s", "%" + secret + "%")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM alert_webhooks WHERE url_sealed LIKE '%ding-token-xyz%'")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(shown.json().path("urlHint").asString()).endsWith("/robot/send?****");
        assertThat(shown.json().path("hasSecret").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("Feishu: interactive card and text messages; the signature (timestamp, sign) is in the body")
    void feishu() throws Exception {
        String secret = "feishu-signing-key";
        long card = webhook(body(
                "name",
                unique("feishu"),
                "type",
                "feishu",
                "webhookUrl",
                hook("/open-apis/bot/v2/hook/feishu-token-123"),
                "secret",
                secret));
        assertThat(api.post("/api/k8s/analysis/alert-webhooks/" + card + "/test", Map.of(), admin)
                        .json()
                        .path("state")
                        .asString())
                .isEqualTo("delivered");
        JsonNode json =
                JSON.readTree(only("/open-apis/bot/v2/hook/feishu-token-123").getBodyAsString());
        assertThat(json.path("msg_type").asString()).isEqualTo("interactive");
        assertThat(json.path("card").path("header").path("title").path("tag").asString())
                .isEqualTo("plain_text");
        assertThat(json.path("card")
                        .path("header")
                        .path("title")
                        .path("content")
                        .asString())
                .isEqualTo("CloudOps test message");
        assertThat(json.path("card")
                        .path("elements")
                        .get(0)
                        .path("text")
                        .path("tag")
                        .asString())
                .isEqualTo("lark_md");
        String timestamp = json.path("timestamp").asString();
        assertThat(Math.abs(Long.parseLong(timestamp) - System.currentTimeMillis() / 1000))
                .isLessThan(60);
        assertThat(json.path("sign").asString())
                .isEqualTo(hmacBase64((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8), new byte[0]));
        assertThat(api.get("/api/k8s/analysis/alert-webhooks/" + card, admin).text())
                .doesNotContain("feishu-token-123")
                .doesNotContain(secret);

        HOOKS.resetRequests();
        long text = webhook(body(
                "name",
                unique("lark"),
                "type",
                "lark",
                "format",
                "text",
                "webhookUrl",
                hook("/open-apis/bot/v2/hook/feishu-token-123")));
        api.post("/api/k8s/analysis/alert-webhooks/" + text + "/test", Map.of(), admin);
        JsonNode plain =
                JSON.readTree(only("/open-apis/bot/v2/hook/feishu-token-123").getBodyAsString());
        assertThat(plain.path("msg_type").asString()).isEqualTo("text");
        assertThat(plain.path("content").path("text").asString()).startsWith("CloudOps test message");
        assertThat(plain.has("sign")).isFalse();
    }

    @Test
    @DisplayName("WeCom markdown and generic JSON with an HMAC signature header")
    void weComAndGeneric() throws Exception {
        long wecom = webhook(body(
                "name", unique("wecom"), "type", "wecom", "webhookUrl", hook("/cgi-bin/webhook/send?key=wecom-key")));
        api.post("/api/k8s/analysis/alert-webhooks/" + wecom + "/test", Map.of(), admin);
        JsonNode json = JSON.readTree(only("/cgi-bin/webhook/send").getBodyAsString());
        assertThat(json.path("msgtype").asString()).isEqualTo("markdown");
        assertThat(json.path("markdown").path("content").asString()).startsWith("### CloudOps test message");

        long generic =
                webhook(body("name", unique("gen"), "type", "generic", "webhookUrl", hook("/generic"), "secret", "k"));
        api.post("/api/k8s/analysis/alert-webhooks/" + generic + "/test", Map.of(), admin);
        LoggedRequest request = only("/generic");
        String ts = request.getHeader("X-CloudOps-Timestamp");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("k".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256="
                + java.util.HexFormat.of()
                        .formatHex(
                                mac.doFinal((ts + "." + request.getBodyAsString()).getBytes(StandardCharsets.UTF_8)));
        assertThat(request.getHeader("X-CloudOps-Signature")).isEqualTo(expected);
        assertThat(JSON.readTree(request.getBodyAsString()).path("event").asString())
                .isEqualTo("test");
    }

    @Test
    @DisplayName("a robot that refuses the message (errcode in a 200) makes the delivery fail with its reason")
    void refusal() {
        long id = webhook(body(
                "name", unique("bad"), "type", "dingtalk", "webhookUrl", hook("/refusing/robot/send?access_token=t")));
        var sent = api.post("/api/k8s/analysis/alert-webhooks/" + id + "/test", Map.of(), admin);
        assertThat(sent.json().path("state").asString()).isEqualTo("failed");
        assertThat(sent.json().path("lastError").asString()).contains("310000", "sign not match");
        var deliveries = api.get("/api/k8s/analysis/alert-webhooks/" + id + "/deliveries", admin);
        assertThat(deliveries.json().path("total").asLong()).isEqualTo(1);
    }

    @Test
    @DisplayName("bad webhooks are refused with a problem and nothing is stored; only administrators manage them")
    void badInput() {
        long before = count("alert_webhooks");
        var unknown = api.post(
                "/api/k8s/analysis/alert-webhooks",
                body("name", unique("x"), "type", "slack", "webhookUrl", hook("/x")),
                admin);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.code()).isEqualTo("unknown-webhook-type");
        for (String url : List.of("not a url", "ftp://host/x", "/relative", "http://user:pw@host/x", "")) {
            var r = api.post(
                    "/api/k8s/analysis/alert-webhooks",
                    body("name", unique("x"), "type", "generic", "webhookUrl", url),
                    admin);
            assertThat(r.status()).as(url).isEqualTo(400);
            assertThat(r.code()).as(url).isEqualTo("invalid-url");
        }
        var format = api.post(
                "/api/k8s/analysis/alert-webhooks",
                body("name", unique("x"), "type", "wecom", "webhookUrl", hook("/x"), "format", "card"),
                admin);
        assertThat(format.code()).isEqualTo("invalid-format");
        String viewer = userWith(List.of(grant("OPERATOR", null, null)));
        var denied = api.post(
                "/api/k8s/analysis/alert-webhooks",
                body("name", unique("x"), "type", "generic", "webhookUrl", hook("/g")),
                viewer);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.code()).isEqualTo("forbidden");
        assertThat(api.get("/api/k8s/analysis/alert-webhooks", viewer).status()).isEqualTo(403);
        assertThat(count("alert_webhooks")).isEqualTo(before);

        String name = unique("dup");
        webhook(body("name", name, "type", "generic", "webhookUrl", hook("/generic")));
        var dup = api.post(
                "/api/k8s/analysis/alert-webhooks",
                body("name", name, "type", "generic", "webhookUrl", hook("/g")),
                admin);
        assertThat(dup.status()).isEqualTo(409);
        assertThat(count("alert_webhooks")).isEqualTo(before + 1);
    }

    @Test
    @DisplayName("one open alert per workload and kind: repeats are counted, a cleared condition resolves it")
    void dedupAndResolve() {
        long cluster = 900_000 + (System.nanoTime() % 1000);
        var cart = new Workload("Deployment", "shop", "cart");
        var spike = new Signal(cart, AlertKind.RESTART_SPIKE, Severity.WARNING, "5 restarts", 5, 0);
        assertThat(alerts.reconcile(cluster, "c", List.of(spike))).isEqualTo(new AlertService.Outcome(1, 0, 0));
        var worse = new Signal(cart, AlertKind.RESTART_SPIKE, Severity.CRITICAL, "12 restarts", 12, 0);
        var jump = new Signal(cart, AlertKind.CPU_JUMP, Severity.WARNING, "CPU", 1, 0.1);
        assertThat(alerts.reconcile(cluster, "c", List.of(worse, jump))).isEqualTo(new AlertService.Outcome(1, 1, 0));

        var open = api.get("/api/k8s/analysis/alerts?clusterId=" + cluster + "&state=open", admin);
        assertThat(open.json().path("total").asLong()).isEqualTo(2);
        JsonNode restart = null;
        for (JsonNode a : open.json().path("items")) {
            if (a.path("kind").asString().equals("restart-spike")) {
                restart = a;
            }
        }
        assertThat(restart).isNotNull();
        assertThat(restart.path("occurrences").asInt()).isEqualTo(2);
        assertThat(restart.path("severity").asString()).isEqualTo("CRITICAL");
        assertThat(restart.path("message").asString()).isEqualTo("12 restarts");

        assertThat(alerts.reconcile(cluster, "c", List.of(jump))).isEqualTo(new AlertService.Outcome(0, 1, 1));
        var resolved = api.get("/api/k8s/analysis/alerts?clusterId=" + cluster + "&state=resolved", admin);
        assertThat(resolved.json().path("items")).singleElement().satisfies(a -> {
            assertThat(a.path("kind").asString()).isEqualTo("restart-spike");
            assertThat(a.path("resolvedAt").isNull()).isFalse();
        });
        // The same condition again is a new alert, not the resolved one reopened.
        assertThat(alerts.reconcile(cluster, "c", List.of(spike, jump))).isEqualTo(new AlertService.Outcome(1, 1, 0));
        assertThat(api.get("/api/k8s/analysis/alerts?clusterId=" + cluster, admin)
                        .json()
                        .path("total")
                        .asLong())
                .isEqualTo(3);
        assertThat(api.get("/api/k8s/analysis/alerts?clusterId=" + cluster + "&state=maybe", admin)
                        .code())
                .isEqualTo("invalid-state");
    }

    @Test
    @DisplayName(
            "detection on a cluster: a restart spike opens an alert, is sent to the webhooks, acked, then resolves")
    void detection() {
        try (MockCluster mock = MockCluster.start(1)) {
            long cluster = register(mock, unique("alerts"));
            long hook = webhook(body(
                    "name",
                    unique("gen"),
                    "type",
                    "generic",
                    "webhookUrl",
                    hook("/generic"),
                    "clusterId",
                    cluster,
                    "minSeverity",
                    "WARNING"));
            mock.namespace("shop");
            mock.create(new PodBuilder()
                    .withNewMetadata()
                    .withNamespace("shop")
                    .withName("web-5d9f-abcde")
                    .addToLabels("pod-template-hash", "5d9f")
                    .addNewOwnerReference()
                    .withApiVersion("apps/v1")
                    .withKind("ReplicaSet")
                    .withName("web-5d9f")
                    .withUid("0f0e0d0c-0000-0000-0000-000000000001")
                    .withController(true)
                    .endOwnerReference()
                    .endMetadata()
                    .withNewSpec()
                    .withNodeName("node-0")
                    .addNewContainer()
                    .withName("app")
                    .withImage("web:1")
                    .endContainer()
                    .endSpec()
                    .build());
            setRestarts(mock, 0);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                jobs.detectNow(cluster);
                return api.get("/api/k8s/analysis/alerts?clusterId=" + cluster, admin)
                                .status()
                        == 200;
            });
            jobs.detectNow(cluster);
            setRestarts(mock, 10);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> jobs.detectNow(cluster).opened() == 1);

            var open = api.get("/api/k8s/analysis/alerts?clusterId=" + cluster + "&state=open", admin);
            JsonNode alert = open.json().path("items").get(0);
            assertThat(alert.path("workloadKind").asString()).isEqualTo("Deployment");
            assertThat(alert.path("workloadName").asString()).isEqualTo("web");
            assertThat(alert.path("kind").asString()).isEqualTo("restart-spike");
            long id = alert.path("id").asLong();

            jobs.deliver();
            JsonNode sent = JSON.readTree(only("/generic").getBodyAsString());
            assertThat(sent.path("event").asString()).isEqualTo("opened");
            assertThat(sent.path("alert").path("id").asLong()).isEqualTo(id);
            assertThat(sent.path("alert").path("workloadName").asString()).isEqualTo("web");

            var acked = api.post("/api/k8s/analysis/alerts/" + id + "/ack", Map.of(), admin);
            assertThat(acked.status()).isEqualTo(200);
            assertThat(acked.json().path("ackedBy").asString()).isEqualTo("admin");
            var audit = api.get("/api/audit?size=5", admin);
            assertThat(audit.text()).contains("/api/k8s/analysis/alerts/" + id + "/ack");

            String other = userWith(List.of(grant("VIEWER", cluster, "other")));
            assertThat(api.get("/api/k8s/analysis/alerts/" + id, other).status())
                    .isEqualTo(404);
            assertThat(api.get("/api/k8s/analysis/alerts?clusterId=" + cluster, other)
                            .json()
                            .path("total")
                            .asLong())
                    .isZero();
            String reader = userWith(List.of(grant("VIEWER", cluster, "shop")));
            assertThat(api.get("/api/k8s/analysis/alerts/" + id, reader).status())
                    .isEqualTo(200);
            assertThat(api.post("/api/k8s/analysis/alerts/" + id + "/ack", Map.of(), reader)
                            .status())
                    .isEqualTo(403);

            // No restarts since: the condition cleared.
            assertThat(jobs.detectNow(cluster).resolved()).isEqualTo(1);
            HOOKS.resetRequests();
            jobs.deliver();
            assertThat(JSON.readTree(only("/generic").getBodyAsString())
                            .path("event")
                            .asString())
                    .isEqualTo("resolved");
            var deliveries = api.get("/api/k8s/analysis/alert-webhooks/" + hook + "/deliveries", admin);
            assertThat(deliveries.json().path("total").asLong()).isEqualTo(2);
            assertThat(deliveries.json().path("items").get(0).path("state").asString())
                    .isEqualTo("delivered");
        }
    }

    @Test
    @DisplayName("a failing target is retried with backoff and given up after the configured attempts")
    void retries() throws InterruptedException {
        HOOKS.stubFor(post(urlPathEqualTo("/down")).willReturn(aResponse().withStatus(503)));
        long cluster = 800_000 + (System.nanoTime() % 1000);
        long id = webhook(
                body("name", unique("down"), "type", "generic", "webhookUrl", hook("/down"), "clusterId", null));
        alerts.reconcile(
                cluster,
                "c",
                List.of(new Signal(
                        new Workload("Deployment", "a", "b"), AlertKind.WARNING_EVENTS, Severity.CRITICAL, "m", 9, 0)));
        jobs.deliver();
        var first = api.get("/api/k8s/analysis/alert-webhooks/" + id + "/deliveries", admin)
                .json()
                .path("items")
                .get(0);
        assertThat(first.path("state").asString()).isEqualTo("pending");
        assertThat(first.path("attempts").asInt()).isEqualTo(1);
        assertThat(first.path("lastStatus").asInt()).isEqualTo(503);
        Thread.sleep(120);
        jobs.deliver();
        var last = api.get("/api/k8s/analysis/alert-webhooks/" + id + "/deliveries", admin)
                .json()
                .path("items")
                .get(0);
        assertThat(last.path("state").asString()).isEqualTo("failed");
        assertThat(last.path("attempts").asInt()).isEqualTo(2);
        assertThat(HOOKS.findAll(postRequestedFor(urlPathEqualTo("/down")))).hasSize(2);
        HOOKS.verify(
                2,
                postRequestedFor(urlPathEqualTo("/down")).withHeader("Content-Type", containing("application/json")));
    }

    @Test
    @DisplayName("a webhook is changed field by field; an empty secret removes signing; bad changes change nothing")
    void update() {
        String name = unique("upd");
        long id = webhook(body(
                "name",
                name,
                "type",
                "feishu",
                "webhookUrl",
                hook("/open-apis/bot/v2/hook/feishu-token-123"),
                "secret",
                "s"));
        var shown = api.get("/api/k8s/analysis/alert-webhooks/" + id, admin).json();
        assertThat(shown.path("format").asString()).isEqualTo("interactive");
        assertThat(shown.path("urlHint").asString()).endsWith("/open-apis/bot/v2/hook/****");

        var bad = api.put("/api/k8s/analysis/alert-webhooks/" + id, body("minSeverity", "LOUD"), admin);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("invalid-severity");
        assertThat(api.put("/api/k8s/analysis/alert-webhooks/" + id, body("webhookUrl", "gopher://x"), admin)
                        .code())
                .isEqualTo("invalid-url");

        var changed = api.put(
                "/api/k8s/analysis/alert-webhooks/" + id,
                body("format", "text", "secret", "", "minSeverity", "critical", "enabled", false),
                admin);
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(changed.json().path("name").asString()).isEqualTo(name);
        assertThat(changed.json().path("format").asString()).isEqualTo("text");
        assertThat(changed.json().path("hasSecret").asBoolean()).isFalse();
        assertThat(changed.json().path("minSeverity").asString()).isEqualTo("CRITICAL");
        assertThat(changed.json().path("enabled").asBoolean()).isFalse();

        var list = api.get("/api/k8s/analysis/alert-webhooks?size=500", admin);
        assertThat(list.json().path("items").toString()).contains(name);
        assertThat(api.delete("/api/k8s/analysis/alert-webhooks/" + id, admin).status())
                .isEqualTo(204);
        assertThat(api.get("/api/k8s/analysis/alert-webhooks/" + id, admin).code())
                .isEqualTo("webhook-not-found");
    }

    private static void setRestarts(MockCluster mock, int restarts) {
        mock.client().pods().inNamespace("shop").withName("web-5d9f-abcde").editStatus(p -> {
            p.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder()
                    .withPhase("Running")
                    .withStartTime("2026-11-24T10:00:00Z")
                    .addNewContainerStatus()
                    .withName("app")
                    .withImage("web:1")
                    .withReady(true)
                    .withRestartCount(restarts)
                    .endContainerStatus()
                    .build());
            return p;
        });
    }
}
