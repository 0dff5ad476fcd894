package dev.cloudops.cloud.tencent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.cloudops.cloud.CloudTestSupport;
import dev.cloudops.testing.MockCluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Tencent Cloud TKE through the real Tencent Cloud SDK pointed at WireMock (the account's endpoint override): every
 * call is a TC3-HMAC-SHA256-signed POST of the action's JSON to {@code /}, answered in Tencent's {@code
 * {"Response": …}} envelope.
 */
@DisplayName("Tencent Cloud TKE: accounts, clusters, jobs, node pools, credentials, monitoring, access, errors")
class TencentCloudIT extends CloudTestSupport {

    static final String REGION = "ap-guangzhou";
    static final String CLUSTER_ID = "cls-abcd1234";
    static final String POOL_ID = "np-wk000001";
    static final String SIGNATURE = "TC3-HMAC-SHA256 Credential=%s/\\d{4}-\\d{2}-\\d{2}/%s/tc3_request,"
            + " SignedHeaders=content-type;host, Signature=[0-9a-f]{64}";

    @Test
    @DisplayName("an account is checked with STS GetCallerIdentity, signed TC3-HMAC-SHA256; bad input changes nothing")
    void accounts() {
        long before = count("cloud_accounts");
        String key = secretId();
        long id = tencentAccount(key);
        var view = api.get("/api/k8s/cloud/accounts/" + id, admin).json();
        assertThat(view.path("provider").asString()).isEqualTo("tencent");
        assertThat(view.path("identity").path("principal").asString())
                .isEqualTo("qcs::cam::uin/100000000001:uin/100012345678");
        assertThat(view.path("identity").path("account").asString()).isEqualTo("100000000001");
        AWS.verify(signed("GetCallerIdentity", key, "sts", "2018-08-13"));

        var providers = api.get("/api/k8s/cloud/providers", admin).json();
        assertThat(providers.get(3).path("id").asString()).isEqualTo("tencent");
        assertThat(providers.get(3).path("available").asBoolean()).isTrue();
        assertThat(providers.get(3).path("endpointServices").toString())
                .contains("tke")
                .contains("monitor");

        AWS.resetAll();
        var unknownRegion = api.post("/api/k8s/cloud/accounts", body(unique("tc"), key, "mars-north-1"), admin);
        assertThat(unknownRegion.code()).isEqualTo("unknown-region");
        var awsRegion = api.post("/api/k8s/cloud/accounts", body(unique("tc"), key, "eu-west-1"), admin);
        assertThat(awsRegion.code()).isEqualTo("unknown-region");
        AWS.verify(0, anyRequestedFor(anyUrl()));

        AWS.stubFor(
                action("GetCallerIdentity").willReturn(error("AuthFailure.SecretIdNotFound", "SecretId not found")));
        var refused = api.post("/api/k8s/cloud/accounts", body(unique("tc"), secretId(), REGION), admin);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("cloud-auth-failed");
        assertThat(refused.json().path("detail").asString()).contains("AuthFailure.SecretIdNotFound");
        assertThat(count("cloud_accounts")).isEqualTo(before + 1);
        AWS.verify(1, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    @DisplayName("a CAM role: the keys sign STS AssumeRole, its temporary keys and token sign the rest")
    void assumeRole() {
        String key = secretId();
        AWS.stubFor(action("AssumeRole")
                .withRequestBody(equalToJson(
                        "{\"RoleArn\":\"qcs::cam::uin/100000000001:roleName/cloudops\","
                                + "\"RoleSessionName\":\"cloudops-platform\",\"DurationSeconds\":3600}",
                        true,
                        true))
                .willReturn(ok("\"Credentials\":{\"TmpSecretId\":\"AKIDtemporary0001\",\"TmpSecretKey\":\"tmp\","
                        + "\"Token\":\"session-token\"},\"ExpiredTime\":4102444800,"
                        + "\"Expiration\":\"2100-01-01T00:00:00Z\"")));
        stubIdentity();
        Map<String, Object> body = new java.util.HashMap<>(body(unique("tc"), key, REGION));
        body.put(
                "credentials",
                Map.of(
                        "accessKeyId", key,
                        "secretAccessKey", "secret",
                        "roleArn", "qcs::cam::uin/100000000001:roleName/cloudops"));
        var r = api.post("/api/k8s/cloud/accounts", body, admin);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        AWS.verify(signed("AssumeRole", key, "sts", "2018-08-13"));
        AWS.verify(signed("GetCallerIdentity", "AKIDtemporary0001", "sts", "2018-08-13")
                .withHeader("X-TC-Token", equalTo("session-token")));

        AWS.resetAll();
        AWS.stubFor(action("AssumeRole").willReturn(error("UnauthorizedOperation", "no sts:AssumeRole")));
        body.put("name", unique("tc"));
        var denied = api.post("/api/k8s/cloud/accounts", body, admin);
        assertThat(denied.code()).isEqualTo("cloud-auth-failed");
        assertThat(denied.json().path("detail").asString()).contains("may not assume its role");
    }

    @Test
    @DisplayName("discovered clusters import by name; TKE calls are signed for tke, version 2018-05-25")
    void discoverAndImport() {
        long account = tencentAccount(secretId());
        String name = unique("tke");
        stubCluster(name, "Running");
        var found = api.get("/api/k8s/cloud/accounts/" + account + "/regions/" + REGION + "/clusters", admin);
        assertThat(found.status()).as(found.text()).isEqualTo(200);
        assertThat(found.json().get(0).path("cluster").path("name").asString()).isEqualTo(name);
        assertThat(found.json().get(0).path("cluster").path("cloudId").asString())
                .isEqualTo(CLUSTER_ID);
        assertThat(found.json().get(0).path("cluster").path("status").asString())
                .isEqualTo("ACTIVE");
        AWS.verify(signed("DescribeClusters", null, "tke", "2018-05-25")
                .withRequestBody(equalToJson("{\"Offset\":0,\"Limit\":100}", true, true)));

        long id = importUnregistered(account, name);
        var view = api.get("/api/k8s/cloud/clusters/" + id, admin).json();
        assertThat(view.path("cloudId").asString()).isEqualTo(CLUSTER_ID);
        assertThat(view.path("version").asString()).isEqualTo("1.30.0");
        assertThat(view.path("endpoint").asString()).isEqualTo("https://cls-abcd1234.ccs.tencent-cloud.com");
        AWS.verify(action(postRequestedFor(urlEqualTo("/")), "DescribeClusters")
                .withRequestBody(equalToJson(
                        "{\"Filters\":[{\"Name\":\"ClusterName\",\"Values\":[\"" + name + "\"]}]}", true, true)));

        AWS.stubFor(action("DescribeClusters").willReturn(ok("\"TotalCount\":0,\"Clusters\":[]")));
        var missing = api.post(
                "/api/k8s/cloud/accounts/" + account + "/regions/" + REGION + "/clusters/nothere/import",
                Map.of("register", false),
                admin);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("cloud-not-found");
    }

    @Test
    @DisplayName("create: CreateCluster, then DescribeClusterStatus Creating → Running ends the job")
    void createToRunning() {
        long account = tencentAccount(secretId());
        String name = unique("new");
        stubCreate(name, "Running");
        var started = api.post("/api/k8s/cloud/accounts/" + account + "/clusters", create(name), admin);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        var job = awaitJob(started.json().path("id").asLong());
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("phase").asString()).isEqualTo("Running");
        AWS.verify(signed("CreateCluster", null, "tke", "2018-05-25")
                .withRequestBody(equalToJson(
                        "{\"ClusterType\":\"MANAGED_CLUSTER\",\"ClusterCIDRSettings\":{\"ClusterCIDR\":\"172.16.0.0/16\"},"
                                + "\"ClusterBasicSettings\":{\"ClusterName\":\"" + name
                                + "\",\"ClusterVersion\":\"1.30.0\","
                                + "\"VpcId\":\"vpc-abcd1234\",\"TagSpecification\":[{\"ResourceType\":\"cluster\","
                                + "\"Tags\":[{\"Key\":\"team\",\"Value\":\"platform\"}]}]},"
                                + "\"ClusterAdvancedSettings\":{\"ContainerRuntime\":\"containerd\",\"NetworkType\":\"GR\"}}",
                        true,
                        true)));
        AWS.verify(action(postRequestedFor(urlEqualTo("/")), "DescribeClusterStatus")
                .withRequestBody(equalToJson("{\"ClusterIds\":[\"" + CLUSTER_ID + "\"]}")));
        long record = started.json().path("cloudClusterId").asLong();
        assertThat(api.get("/api/k8s/cloud/clusters/" + record, admin)
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("ACTIVE");
    }

    @Test
    @DisplayName("create: a cluster TKE reports Abnormal fails the job and is left FAILED; a taken name is refused")
    void createToFailed() {
        long account = tencentAccount(secretId());
        String name = unique("bad");
        stubCreate(name, "Abnormal");
        var started = api.post("/api/k8s/cloud/accounts/" + account + "/clusters", create(name), admin);
        var job = awaitJob(started.json().path("id").asLong());
        assertThat(job.path("status").asString()).isEqualTo("FAILED");
        assertThat(job.path("message").asString()).contains("Abnormal");
        long record = started.json().path("cloudClusterId").asLong();
        assertThat(api.get("/api/k8s/cloud/clusters/" + record, admin)
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("FAILED");

        AWS.resetAll();
        stubIdentity();
        stubCluster("taken", "Running");
        var taken = api.post("/api/k8s/cloud/accounts/" + account + "/clusters", create("taken"), admin);
        assertThat(taken.code()).isEqualTo("cloud-conflict");
        AWS.verify(0, action(postRequestedFor(urlEqualTo("/")), "CreateCluster"));

        Map<String, Object> noCidr = new java.util.HashMap<>(create(unique("n")));
        noCidr.put("options", Map.of());
        assertThat(api.post("/api/k8s/cloud/accounts/" + account + "/clusters", noCidr, admin)
                        .code())
                .isEqualTo("invalid-field");
        AWS.stubFor(action("DescribeClusters").willReturn(ok("\"TotalCount\":0,\"Clusters\":[]")));
        AWS.stubFor(action("CreateCluster").willReturn(error("LimitExceeded", "cluster quota reached")));
        var quota = api.post("/api/k8s/cloud/accounts/" + account + "/clusters", create(unique("q")), admin);
        assertThat(quota.code()).isEqualTo("cloud-quota-exceeded");
    }

    @Test
    @DisplayName(
            "updates: one minor version up via UpdateClusterVersion, basic settings; downgrades and deletes guarded")
    void updateAndDelete() {
        long account = tencentAccount(secretId());
        String name = unique("up");
        stubCluster(name, "Running");
        long id = importUnregistered(account, name);
        assertThat(api.put("/api/k8s/cloud/clusters/" + id, Map.of("version", "1.29.0"), admin)
                        .code())
                .isEqualTo("version-downgrade");
        assertThat(api.put("/api/k8s/cloud/clusters/" + id, Map.of("version", "1.32.0"), admin)
                        .code())
                .isEqualTo("invalid-version");
        assertThat(api.put("/api/k8s/cloud/clusters/" + id, Map.of("settings", Map.of("vpcId", "vpc-other001")), admin)
                        .code())
                .isEqualTo("invalid-setting");
        assertThat(api.delete("/api/k8s/cloud/clusters/" + id, admin).code()).isEqualTo("confirmation-required");
        AWS.verify(0, action(postRequestedFor(urlEqualTo("/")), "UpdateClusterVersion"));
        AWS.verify(0, action(postRequestedFor(urlEqualTo("/")), "DeleteCluster"));

        AWS.stubFor(action("UpdateClusterVersion")
                .willReturn(ok(""))
                .inScenario("up")
                .willSetStateTo("upgrading"));
        AWS.stubFor(action("DescribeClusters")
                .inScenario("up")
                .whenScenarioStateIs("upgrading")
                .willReturn(ok("\"TotalCount\":1,\"Clusters\":[" + cluster(name, "Upgrading") + "]"))
                .willSetStateTo("upgraded"));
        AWS.stubFor(action("DescribeClusters")
                .inScenario("up")
                .whenScenarioStateIs("upgraded")
                .willReturn(ok("\"TotalCount\":1,\"Clusters\":["
                        + cluster(name, "Running").replace("\"1.30.0\"", "\"1.31.0\"") + "]")));
        var upgrade = api.put("/api/k8s/cloud/clusters/" + id, Map.of("version", "1.31.0"), admin);
        assertThat(upgrade.status()).as(upgrade.text()).isEqualTo(202);
        var job = awaitJob(upgrade.json().path("id").asLong());
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        AWS.verify(signed("UpdateClusterVersion", null, "tke", "2018-05-25")
                .withRequestBody(equalToJson("{\"ClusterId\":\"" + CLUSTER_ID + "\",\"DstVersion\":\"1.31.0\"}")));
        assertThat(api.get("/api/k8s/cloud/clusters/" + id, admin)
                        .json()
                        .path("version")
                        .asString())
                .isEqualTo("1.31.0");

        AWS.resetAll();
        stubCluster(name, "Running");
        AWS.stubFor(action("DescribeClusters")
                .willReturn(ok("\"TotalCount\":1,\"Clusters\":["
                        + cluster(name, "Running").replace("\"1.30.0\"", "\"1.31.0\"") + "]")));
        AWS.stubFor(action("ModifyClusterAttribute").willReturn(ok("\"ClusterDesc\":\"payments\"")));
        AWS.stubFor(action("EnableClusterDeletionProtection").willReturn(ok("")));
        var settings = api.put(
                "/api/k8s/cloud/clusters/" + id,
                Map.of("settings", Map.of("description", "payments", "deletionProtection", "true")),
                admin);
        assertThat(settings.status()).as(settings.text()).isEqualTo(202);
        assertThat(awaitJob(settings.json().path("id").asLong()).path("status").asString())
                .isEqualTo("SUCCEEDED");
        AWS.verify(action(postRequestedFor(urlEqualTo("/")), "ModifyClusterAttribute")
                .withRequestBody(equalToJson("{\"ClusterId\":\"" + CLUSTER_ID + "\",\"ClusterDesc\":\"payments\"}")));
        AWS.verify(action(postRequestedFor(urlEqualTo("/")), "EnableClusterDeletionProtection")
                .withRequestBody(equalToJson("{\"ClusterId\":\"" + CLUSTER_ID + "\"}")));

        AWS.stubFor(action("DeleteCluster").willReturn(ok("")));
        AWS.stubFor(action("DescribeClusterStatus").willReturn(ok("\"TotalCount\":0,\"ClusterStatusSet\":[]")));
        var deleted = api.delete("/api/k8s/cloud/clusters/" + id + "?confirm=" + name, admin);
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(202);
        assertThat(awaitJob(deleted.json().path("id").asLong()).path("status").asString())
                .isEqualTo("SUCCEEDED");
        AWS.verify(signed("DeleteCluster", null, "tke", "2018-05-25")
                .withRequestBody(
                        equalToJson("{\"ClusterId\":\"" + CLUSTER_ID + "\",\"InstanceDeleteMode\":\"terminate\"}")));
        assertThat(api.get("/api/k8s/cloud/clusters/" + id, admin).code()).isEqualTo("cloud-cluster-not-found");
    }

    @Test
    @DisplayName("node pools: list, scale (bounds, then desired), refused bounds, upgrade to the control plane, delete")
    void nodePools() {
        long account = tencentAccount(secretId());
        String name = unique("np");
        stubCluster(name, "Running");
        long id = importUnregistered(account, name);
        var list = api.get("/api/k8s/cloud/clusters/" + id + "/nodegroups", admin);
        assertThat(list.status()).as(list.text()).isEqualTo(200);
        assertThat(list.json().get(0).path("name").asString()).isEqualTo("workers");
        assertThat(list.json().get(0).path("cloudId").asString()).isEqualTo(POOL_ID);
        assertThat(list.json().get(0).path("scaling").path("desiredSize").asInt())
                .isEqualTo(2);

        var bad = api.put(
                "/api/k8s/cloud/clusters/" + id + "/nodegroups/workers/scaling",
                Map.of("minSize", 5, "maxSize", 2, "desiredSize", 3),
                admin);
        assertThat(bad.code()).isEqualTo("invalid-scaling");
        AWS.verify(0, action(postRequestedFor(urlEqualTo("/")), "ModifyClusterNodePool"));

        AWS.stubFor(action("ModifyClusterNodePool").willReturn(ok("\"NodePoolId\":\"" + POOL_ID + "\"")));
        AWS.stubFor(
                action("ModifyNodePoolDesiredCapacityAboutAsg").willReturn(ok("\"NodePoolId\":\"" + POOL_ID + "\"")));
        var scaled = api.put(
                "/api/k8s/cloud/clusters/" + id + "/nodegroups/workers/scaling",
                Map.of("minSize", 1, "maxSize", 6, "desiredSize", 3),
                admin);
        assertThat(scaled.status()).as(scaled.text()).isEqualTo(202);
        assertThat(awaitJob(scaled.json().path("id").asLong()).path("status").asString())
                .isEqualTo("SUCCEEDED");
        AWS.verify(signed("ModifyClusterNodePool", null, "tke", "2018-05-25")
                .withRequestBody(equalToJson("{\"ClusterId\":\"" + CLUSTER_ID + "\",\"NodePoolId\":\"" + POOL_ID
                        + "\",\"MinNodesNum\":1,\"MaxNodesNum\":6}")));
        AWS.verify(action(postRequestedFor(urlEqualTo("/")), "ModifyNodePoolDesiredCapacityAboutAsg")
                .withRequestBody(equalToJson("{\"ClusterId\":\"" + CLUSTER_ID + "\",\"NodePoolId\":\"" + POOL_ID
                        + "\",\"DesiredCapacity\":3}")));

        AWS.stubFor(action("CreateClusterNodePool")
                .inScenario("pool")
                .willReturn(ok("\"NodePoolId\":\"np-gpu00001\""))
                .willSetStateTo("created"));
        AWS.stubFor(action("DescribeClusterNodePools")
                .inScenario("pool")
                .whenScenarioStateIs("created")
                .willReturn(ok(pools().replace("\"TotalCount\":1,", "\"TotalCount\":2,")
                        .replace(
                                "\"NodePoolSet\":[",
                                "\"NodePoolSet\":[{\"NodePoolId\":\"np-gpu00001\",\"Name\":\"gpu\","
                                        + "\"LifeState\":\"normal\",\"MaxNodesNum\":3,\"MinNodesNum\":0,"
                                        + "\"DesiredNodesNum\":1},"))));
        var created = api.post(
                "/api/k8s/cloud/clusters/" + id + "/nodegroups",
                Map.of(
                        "name",
                        "gpu",
                        "instanceTypes",
                        List.of("GN7.2XLARGE32"),
                        "subnetIds",
                        List.of("subnet-abcd1234"),
                        "minSize",
                        0,
                        "maxSize",
                        3,
                        "desiredSize",
                        1,
                        "diskSizeGb",
                        80,
                        "labels",
                        Map.of("pool", "gpu"),
                        "options",
                        Map.of("keyIds", "skey-00000001")),
                admin);
        assertThat(created.status()).as(created.text()).isEqualTo(202);
        assertThat(awaitJob(created.json().path("id").asLong()).path("status").asString())
                .isEqualTo("SUCCEEDED");
        var sent = AWS.findAll(action(postRequestedFor(urlEqualTo("/")), "CreateClusterNodePool"));
        assertThat(sent).hasSize(1);
        var json = tools.jackson.databind.json.JsonMapper.shared();
        var request = json.readTree(sent.get(0).getBodyAsString());
        assertThat(request.path("ClusterId").asString()).isEqualTo(CLUSTER_ID);
        assertThat(request.path("Name").asString()).isEqualTo("gpu");
        assertThat(request.path("EnableAutoscale").asBoolean()).isTrue();
        assertThat(request.path("Labels").get(0).path("Name").asString()).isEqualTo("pool");
        assertThat(json.readTree(request.path("AutoScalingGroupPara").asString()))
                .isEqualTo(json.readTree("{\"MinSize\":0,\"MaxSize\":3,\"DesiredCapacity\":1,"
                        + "\"VpcId\":\"vpc-abcd1234\",\"SubnetIds\":[\"subnet-abcd1234\"]}"));
        assertThat(json.readTree(request.path("LaunchConfigurePara").asString()))
                .isEqualTo(json.readTree("{\"InstanceType\":\"GN7.2XLARGE32\",\"SystemDisk\":{\"DiskType\":"
                        + "\"CLOUD_PREMIUM\",\"DiskSize\":80},\"LoginSettings\":{\"KeyIds\":[\"skey-00000001\"]}}"));
        var duplicate = api.post(
                "/api/k8s/cloud/clusters/" + id + "/nodegroups",
                Map.of(
                        "name",
                        "gpu",
                        "instanceTypes",
                        List.of("S5.MEDIUM4"),
                        "subnetIds",
                        List.of("subnet-abcd1234"),
                        "minSize",
                        0,
                        "maxSize",
                        1,
                        "desiredSize",
                        0),
                admin);
        assertThat(duplicate.code()).isEqualTo("cloud-conflict");
        AWS.verify(1, action(postRequestedFor(urlEqualTo("/")), "CreateClusterNodePool"));

        AWS.stubFor(action("DescribeClusterInstances")
                .willReturn(ok("\"TotalCount\":1,\"InstanceSet\":[{\"InstanceId\":\"ins-00000001\",\"InstanceRole\":"
                        + "\"WORKER\",\"InstanceState\":\"running\",\"NodePoolId\":\"" + POOL_ID + "\"}]")));
        AWS.stubFor(action("UpgradeClusterInstances").willReturn(ok("")));
        AWS.stubFor(action("GetUpgradeInstanceProgress")
                .willReturn(ok("\"Total\":1,\"Done\":1,\"LifeState\":\"done\",\"Instances\":[]")));
        var upgraded = api.post(
                "/api/k8s/cloud/clusters/" + id + "/nodegroups/workers/upgrade", Map.of("version", "1.30.0"), admin);
        assertThat(upgraded.status()).as(upgraded.text()).isEqualTo(202);
        assertThat(awaitJob(upgraded.json().path("id").asLong()).path("status").asString())
                .isEqualTo("SUCCEEDED");
        AWS.verify(action(postRequestedFor(urlEqualTo("/")), "UpgradeClusterInstances")
                .withRequestBody(equalToJson(
                        "{\"ClusterId\":\"" + CLUSTER_ID + "\",\"Operation\":\"create\",\"UpgradeType\":\"major\","
                                + "\"InstanceIds\":[\"ins-00000001\"]}",
                        true,
                        true)));

        AWS.stubFor(action("DeleteClusterNodePool").willReturn(ok("")));
        AWS.stubFor(action("DescribeClusterNodePools")
                .inScenario("gone")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ok(pools()))
                .willSetStateTo("deleted"));
        AWS.stubFor(action("DescribeClusterNodePools")
                .inScenario("gone")
                .whenScenarioStateIs("deleted")
                .willReturn(ok("\"TotalCount\":0,\"NodePoolSet\":[]")));
        var deleted = api.delete("/api/k8s/cloud/clusters/" + id + "/nodegroups/workers?confirm=workers", admin);
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(202);
        assertThat(awaitJob(deleted.json().path("id").asLong()).path("status").asString())
                .isEqualTo("SUCCEEDED");
        AWS.verify(action(postRequestedFor(urlEqualTo("/")), "DeleteClusterNodePool")
                .withRequestBody(equalToJson("{\"ClusterId\":\"" + CLUSTER_ID + "\",\"NodePoolIds\":[\"" + POOL_ID
                        + "\"],\"KeepInstance\":false}")));
    }

    @Test
    @DisplayName("import with registration: TKE's kubeconfig for the public endpoint reaches the API server")
    void credentials() throws Exception {
        try (MockCluster mock = MockCluster.start(1)) {
            long account = tencentAccount(secretId());
            String name = unique("reg");
            stubCluster(name, "Running");
            AWS.stubFor(action("DescribeClusterEndpoints")
                    .willReturn(ok("\"ClusterExternalEndpoint\":\"" + mock.url()
                            + "\",\"ClusterIntranetEndpoint\":\"\"," + "\"CertificationAuthority\":\"\"")));
            String kubeconfig =
                    "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: " + mock.url()
                            + "\nusers:\n- name: u\n  user:\n    token: tke-token\ncontexts:\n- name: x\n  context:\n"
                            + "    cluster: c\n    user: u\ncurrent-context: x\n";
            AWS.stubFor(action("DescribeClusterKubeconfig")
                    .willReturn(ok("\"Kubeconfig\":"
                            + tools.jackson.databind.json.JsonMapper.shared().writeValueAsString(kubeconfig))));
            var imported = api.post(
                    "/api/k8s/cloud/accounts/" + account + "/regions/" + REGION + "/clusters/" + name + "/import",
                    Map.of(),
                    admin);
            assertThat(imported.status()).as(imported.text()).isEqualTo(201);
            long clusterId = imported.json().path("clusterId").asLong();
            assertThat(api.get("/api/k8s/cluster/" + clusterId, admin)
                            .json()
                            .path("nodeCount")
                            .asInt())
                    .isEqualTo(1);
            assertThat(mock.server().getLastRequest().getHeader("Authorization"))
                    .isEqualTo("Bearer tke-token");
            AWS.verify(signed("DescribeClusterKubeconfig", null, "tke", "2018-05-25")
                    .withRequestBody(equalToJson("{\"ClusterId\":\"" + CLUSTER_ID + "\",\"IsExtranet\":true}")));
        }
    }

    @Test
    @DisplayName("monitoring reads QCE/TKE2 through DescribeStatisticData; access grants TKE roles to CAM UINs")
    void monitoringAndAccess() {
        long account = tencentAccount(secretId());
        String name = unique("mon");
        stubCluster(name, "Running");
        long id = importUnregistered(account, name);
        AWS.stubFor(action("DescribeStatisticData")
                .willReturn(ok("\"Period\":300,\"StartTime\":\"\",\"EndTime\":\"\",\"Data\":[{\"MetricName\":"
                        + "\"K8sClusterRateCpuCoreUsedCluster\",\"Points\":[{\"Dimensions\":[],\"Values\":["
                        + "{\"Timestamp\":1767225900,\"Value\":41.5},{\"Timestamp\":1767225600,\"Value\":40}]},"
                        + "{\"Dimensions\":[],\"Values\":[{\"Timestamp\":1767225600,\"Value\":50}]}]}]")));
        var r = api.get(
                "/api/k8s/cloud/clusters/" + id + "/monitoring?metrics=K8sClusterRateCpuCoreUsedCluster&period=300",
                admin);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get(0).path("unit").asString()).isEqualTo("Percent");
        assertThat(r.json().get(0).path("points")).hasSize(2);
        assertThat(r.json().get(0).path("points").get(1).path("value").asDouble())
                .isEqualTo(41.5);
        assertThat(r.json().get(0).path("points").get(0).path("value").asDouble())
                .isEqualTo(45.0);
        AWS.verify(signed("DescribeStatisticData", null, "monitor", "2018-07-24")
                .withRequestBody(equalToJson(
                        "{\"Module\":\"monitor\",\"Namespace\":\"QCE/TKE2\",\"MetricNames\":"
                                + "[\"K8sClusterRateCpuCoreUsedCluster\"],\"Conditions\":[{\"Key\":"
                                + "\"tke_cluster_instance_id\",\"Operator\":\"=\",\"Value\":[\"" + CLUSTER_ID + "\"]}],"
                                + "\"Period\":300}",
                        true,
                        true)));
        assertThat(api.get("/api/k8s/cloud/clusters/" + id + "/monitoring?period=120", admin)
                        .code())
                .isEqualTo("invalid-field");

        String other = "{\"ClusterId\":\"cls-other001\",\"RoleName\":\"tke:ro\",\"RoleType\":\"cluster\","
                + "\"IsCustom\":false}";
        String mine = "{\"ClusterId\":\"" + CLUSTER_ID + "\",\"RoleName\":\"tke:ns:dev\",\"RoleType\":\"namespace\","
                + "\"IsCustom\":false,\"Namespace\":\"team-a\"}";
        AWS.stubFor(action("DescribeUserPermissions")
                .inScenario("perm")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ok("\"TargetUin\":\"100012345678\",\"Permissions\":[" + other + "]")));
        AWS.stubFor(action("GrantUserPermissions")
                .willReturn(ok(""))
                .inScenario("perm")
                .willSetStateTo("granted"));
        AWS.stubFor(action("DescribeUserPermissions")
                .inScenario("perm")
                .whenScenarioStateIs("granted")
                .willReturn(ok("\"TargetUin\":\"100012345678\",\"Permissions\":[" + other + "," + mine + "]")));
        var granted = api.post(
                "/api/k8s/cloud/clusters/" + id + "/access",
                Map.of("principal", "100012345678", "policy", "tke:ns:dev", "namespaces", List.of("team-a")),
                admin);
        assertThat(granted.status()).as(granted.text()).isIn(200, 201);
        assertThat(granted.json().path("policies").get(0).path("policy").asString())
                .isEqualTo("tke:ns:dev");
        assertThat(granted.json()
                        .path("policies")
                        .get(0)
                        .path("namespaces")
                        .get(0)
                        .asString())
                .isEqualTo("team-a");
        AWS.verify(signed("GrantUserPermissions", null, "tke", "2018-05-25")
                .withRequestBody(
                        equalToJson("{\"TargetUin\":\"100012345678\",\"Permissions\":[" + other + "," + mine + "]}")));

        AWS.stubFor(action("ListUsers")
                .willReturn(ok("\"Data\":[{\"Uin\":100012345678,\"Name\":\"dev-a\"},{\"Uin\":100099999999,"
                        + "\"Name\":\"nobody\"}]")));
        AWS.stubFor(action("DescribeUserPermissions")
                .withRequestBody(equalToJson("{\"TargetUin\":\"100099999999\"}"))
                .willReturn(ok("\"TargetUin\":\"100099999999\",\"Permissions\":[]")));
        var listed = api.get("/api/k8s/cloud/clusters/" + id + "/access", admin);
        assertThat(listed.status()).as(listed.text()).isEqualTo(200);
        assertThat(listed.json()).hasSize(1);
        assertThat(listed.json().get(0).path("principal").asString()).isEqualTo("100012345678");
        assertThat(listed.json().get(0).path("username").asString()).isEqualTo("dev-a");
        AWS.verify(signed("ListUsers", null, "cam", "2019-01-16"));

        AWS.stubFor(action("DeleteUserPermissions").willReturn(ok("")));
        assertThat(api.delete("/api/k8s/cloud/clusters/" + id + "/access?principal=100012345678", admin)
                        .status())
                .isEqualTo(204);
        AWS.verify(action(postRequestedFor(urlEqualTo("/")), "DeleteUserPermissions")
                .withRequestBody(equalToJson("{\"TargetUin\":\"100012345678\",\"Permissions\":[" + mine + "]}")));

        var notUin = api.post(
                "/api/k8s/cloud/clusters/" + id + "/access",
                Map.of("principal", "arn:aws:iam::1:user/x", "policy", "tke:admin"),
                admin);
        assertThat(notUin.code()).isEqualTo("invalid-field");
        var nsWithout = api.post(
                "/api/k8s/cloud/clusters/" + id + "/access",
                Map.of("principal", "100012345678", "policy", "tke:ns:ro"),
                admin);
        assertThat(nsWithout.code()).isEqualTo("invalid-field");
    }

    @Test
    @DisplayName("RequestLimitExceeded is retried with back-off, then 429 cloud-throttled; server errors 503")
    void throttling() {
        long account = tencentAccount(secretId());
        String path = "/api/k8s/cloud/accounts/" + account + "/regions/" + REGION + "/clusters";
        AWS.stubFor(action("DescribeClusters")
                .inScenario("throttle")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(error("RequestLimitExceeded", "too many requests"))
                .willSetStateTo("once"));
        AWS.stubFor(action("DescribeClusters")
                .inScenario("throttle")
                .whenScenarioStateIs("once")
                .willReturn(ok("\"TotalCount\":0,\"Clusters\":[]")));
        assertThat(api.get(path, admin).status()).isEqualTo(200);
        AWS.verify(2, action(postRequestedFor(urlEqualTo("/")), "DescribeClusters"));

        AWS.resetAll();
        stubIdentity();
        AWS.stubFor(action("DescribeClusters").willReturn(error("RequestLimitExceeded.UinLimitExceeded", "slow down")));
        var throttled = api.get(path, admin);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.code()).isEqualTo("cloud-throttled");
        AWS.verify(3, action(postRequestedFor(urlEqualTo("/")), "DescribeClusters"));

        AWS.stubFor(action("DescribeClusters")
                .willReturn(aResponse().withStatus(502).withBody("bad gateway")));
        assertThat(api.get(path, admin).code()).isEqualTo("cloud-unavailable");
        AWS.stubFor(action("DescribeClusters")
                .willReturn(error("UnauthorizedOperation.CamNoAuth", "no tke:DescribeClusters")));
        var denied = api.get(path, admin);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.code()).isEqualTo("cloud-access-denied");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    static MappingBuilder action(String name) {
        return post(urlEqualTo("/")).withHeader("X-TC-Action", equalTo(name));
    }

    static RequestPatternBuilder action(RequestPatternBuilder pattern, String name) {
        return pattern.withHeader("X-TC-Action", equalTo(name));
    }

    /** A request for {@code name} signed TC3-HMAC-SHA256 for {@code service}, with the common headers. */
    static RequestPatternBuilder signed(String name, String key, String service, String version) {
        return postRequestedFor(urlEqualTo("/"))
                .withHeader("X-TC-Action", equalTo(name))
                .withHeader(
                        "Authorization",
                        matching(String.format(SIGNATURE, key == null ? "AKID[A-Za-z0-9]+" : key, service)))
                .withHeader("X-TC-Version", equalTo(version))
                .withHeader("X-TC-Region", equalTo(REGION))
                .withHeader("X-TC-Timestamp", matching("\\d{10}"))
                .withHeader("Content-Type", matching("(?i)application/json; charset=utf-8"));
    }

    static ResponseDefinitionBuilder ok(String fields) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"Response\":{" + fields + (fields.isEmpty() ? "" : ",")
                        + "\"RequestId\":\"6e8a7c1e-0000-4000-8000-000000000001\"}}");
    }

    static ResponseDefinitionBuilder error(String code, String message) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"Response\":{\"Error\":{\"Code\":\"" + code + "\",\"Message\":\"" + message
                        + "\"},\"RequestId\":\"6e8a7c1e-0000-4000-8000-00000000dead\"}}");
    }

    static String secretId() {
        return "AKID" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 28);
    }

    static void stubIdentity() {
        AWS.stubFor(action("GetCallerIdentity")
                .willReturn(ok("\"Arn\":\"qcs::cam::uin/100000000001:uin/100012345678\",\"AccountId\":\"100000000001\","
                        + "\"UserId\":\"100012345678\",\"PrincipalId\":\"100000000001\",\"Type\":\"CAMUser\"")));
    }

    long tencentAccount(String key) {
        stubIdentity();
        var r = api.post("/api/k8s/cloud/accounts", body(unique("tc"), key, REGION), admin);
        if (r.status() != 201) {
            throw new AssertionError("account creation failed: " + r.text());
        }
        return r.json().path("id").asLong();
    }

    static Map<String, Object> body(String name, String key, String region) {
        return Map.of(
                "name", name,
                "provider", "tencent",
                "regions", List.of(region),
                "credentials", Map.of("accessKeyId", key, "secretAccessKey", "tencent-secret-key"),
                "endpoints", Map.of("default", awsUrl()));
    }

    static String cluster(String name, String status) {
        return "{\"ClusterId\":\"" + CLUSTER_ID + "\",\"ClusterName\":\"" + name + "\",\"ClusterDescription\":\"\","
                + "\"ClusterVersion\":\"1.30.0\",\"ClusterOs\":\"tlinux3.1x86_64\",\"ClusterType\":\"MANAGED_CLUSTER\","
                + "\"ClusterNetworkSettings\":{\"ClusterCIDR\":\"172.16.0.0/16\",\"IgnoreClusterCIDRConflict\":false,"
                + "\"MaxNodePodNum\":64,\"MaxClusterServiceNum\":1024,\"Ipvs\":false,\"VpcId\":\"vpc-abcd1234\","
                + "\"Cni\":false,\"ServiceCIDR\":\"172.17.0.0/20\"},\"ClusterNodeNum\":2,\"ProjectId\":0,"
                + "\"TagSpecification\":[{\"ResourceType\":\"cluster\",\"Tags\":[{\"Key\":\"team\",\"Value\":\"platform\"}]}],"
                + "\"ClusterStatus\":\"" + status + "\",\"Property\":\"{\\\"NodeNameType\\\":\\\"lan-ip\\\"}\","
                + "\"ClusterMaterNodeNum\":0,\"ContainerRuntime\":\"containerd\",\"CreatedTime\":\"2026-01-01T00:00:00Z\","
                + "\"DeletionProtection\":false,\"EnableExternalNode\":false,\"ClusterLevel\":\"L5\","
                + "\"AutoUpgradeClusterLevel\":false}";
    }

    static String pools() {
        return "\"TotalCount\":1,\"NodePoolSet\":[{\"NodePoolId\":\"" + POOL_ID + "\",\"Name\":\"workers\","
                + "\"ClusterInstanceId\":\"" + CLUSTER_ID + "\",\"LifeState\":\"normal\",\"LaunchConfigurationId\":"
                + "\"asc-00000001\",\"AutoscalingGroupId\":\"asg-00000001\",\"Labels\":[{\"Name\":\"pool\","
                + "\"Value\":\"workers\"}],\"AutoscalingGroupStatus\":\"enabled\",\"MaxNodesNum\":5,\"MinNodesNum\":1,"
                + "\"DesiredNodesNum\":2,\"NodePoolOs\":\"tlinux3.1x86_64\"}]";
    }

    /** DescribeClusters answering the cluster, its node pools and its endpoints. */
    static void stubCluster(String name, String status) {
        AWS.stubFor(action("DescribeClusters")
                .willReturn(ok("\"TotalCount\":1,\"Clusters\":[" + cluster(name, status) + "]")));
        AWS.stubFor(action("DescribeClusterNodePools").willReturn(ok(pools())));
        AWS.stubFor(
                action("DescribeClusterEndpoints")
                        .willReturn(
                                ok(
                                        "\"ClusterExternalEndpoint\":\"cls-abcd1234.ccs.tencent-cloud.com\","
                                                + "\"ClusterIntranetEndpoint\":\"10.0.0.10\",\"ClusterDomain\":\"cls-abcd1234.ccs.tencent-cloud.com\","
                                                + "\"CertificationAuthority\":\"-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n\"")));
    }

    /** No cluster of that name until CreateCluster; then Creating twice and {@code end}. */
    static void stubCreate(String name, String end) {
        AWS.stubFor(action("DescribeClusters")
                .inScenario("create")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ok("\"TotalCount\":0,\"Clusters\":[]")));
        AWS.stubFor(action("CreateCluster")
                .inScenario("create")
                .willReturn(ok("\"ClusterId\":\"" + CLUSTER_ID + "\""))
                .willSetStateTo("creating"));
        AWS.stubFor(action("DescribeClusterStatus")
                .inScenario("create")
                .whenScenarioStateIs("creating")
                .willReturn(ok(status("Creating")))
                .willSetStateTo("creating2"));
        AWS.stubFor(action("DescribeClusterStatus")
                .inScenario("create")
                .whenScenarioStateIs("creating2")
                .willReturn(ok(status("Creating")))
                .willSetStateTo("end"));
        AWS.stubFor(action("DescribeClusterStatus")
                .inScenario("create")
                .whenScenarioStateIs("end")
                .willReturn(ok(status(end))));
        AWS.stubFor(action("DescribeClusters")
                .inScenario("create")
                .whenScenarioStateIs("end")
                .willReturn(ok("\"TotalCount\":1,\"Clusters\":[" + cluster(name, end) + "]")));
        AWS.stubFor(action("DescribeClusterNodePools").willReturn(ok("\"TotalCount\":0,\"NodePoolSet\":[]")));
        AWS.stubFor(action("DescribeClusterEndpoints")
                .willReturn(ok("\"ClusterExternalEndpoint\":\"\",\"ClusterIntranetEndpoint\":\"10.0.0.10\","
                        + "\"CertificationAuthority\":\"\"")));
    }

    static String status(String state) {
        return "\"TotalCount\":1,\"ClusterStatusSet\":[{\"ClusterId\":\"" + CLUSTER_ID + "\",\"ClusterState\":\""
                + state + "\",\"ClusterInstanceState\":\"AllNormal\",\"ClusterBMonitor\":true,\"ClusterInitNodeNum\":0,"
                + "\"ClusterRunningNodeNum\":0,\"ClusterFailedNodeNum\":0,\"ClusterClosedNodeNum\":0,"
                + "\"ClusterClosingNodeNum\":0,\"ClusterDeletionProtection\":false,\"ClusterAuditEnabled\":false}]";
    }

    static Map<String, Object> create(String name) {
        return Map.of(
                "region",
                REGION,
                "name",
                name,
                "version",
                "1.30.0",
                "vpcId",
                "vpc-abcd1234",
                "tags",
                Map.of("team", "platform"),
                "options",
                Map.of("clusterCidr", "172.16.0.0/16"),
                "register",
                false);
    }

    long importUnregistered(long account, String name) {
        var r = api.post(
                "/api/k8s/cloud/accounts/" + account + "/regions/" + REGION + "/clusters/" + name + "/import",
                Map.of("register", false),
                admin);
        if (r.status() != 201) {
            throw new AssertionError("import failed: " + r.text());
        }
        return r.json().path("id").asLong();
    }
}
