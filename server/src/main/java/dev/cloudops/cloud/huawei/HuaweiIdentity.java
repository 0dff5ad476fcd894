package dev.cloudops.cloud.huawei;

import com.huaweicloud.sdk.core.exception.ServiceResponseException;
import com.huaweicloud.sdk.iam.v3.model.Domains;
import com.huaweicloud.sdk.iam.v3.model.KeystoneListAuthDomainsRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneShowProjectRequest;
import com.huaweicloud.sdk.iam.v3.model.ShowPermanentAccessKeyRequest;
import dev.cloudops.cloud.CloudIdentity;
import dev.cloudops.cloud.CloudProblems;
import dev.cloudops.cloud.CloudSession;
import dev.cloudops.platform.error.ApiException;

/**
 * Who the keys belong to, as IAM says: the account (domain) the keys may act in (KeystoneListAuthDomains), the
 * region's project (KeystoneShowProject, which must be the project of the account's region), and for permanent
 * keys the IAM user owning them (ShowPermanentAccessKey). Temporary keys have no such record; their principal
 * names the domain only.
 */
final class HuaweiIdentity {

    private HuaweiIdentity() {}

    static CloudIdentity validate(HuaweiClients clients, HuaweiClients.Bundle b, CloudSession session) {
        var domains = clients.invoke(b.iam().keystoneListAuthDomainsInvoker(new KeystoneListAuthDomainsRequest()))
                .getDomains();
        if (domains == null || domains.isEmpty()) {
            throw CloudProblems.authFailed("Huawei Cloud IAM names no account the keys may act in");
        }
        Domains domain = domains.get(0);
        var project = clients.invoke(b.iam()
                        .keystoneShowProjectInvoker(new KeystoneShowProjectRequest().withProjectId(b.projectId())))
                .getProject();
        String region = session.region();
        if (project == null
                || project.getName() == null
                || !(project.getName().equals(region) || project.getName().startsWith(region + "_"))) {
            throw ApiException.badRequest(
                    "invalid-credentials",
                    "Project " + b.projectId() + " is " + (project == null ? "unknown" : project.getName())
                            + ", not a project of region " + region,
                    "credentials.projectId");
        }
        String userId = null;
        if (session.credentials().sessionToken() == null) {
            userId = owner(clients, b, session.credentials().accessKeyId());
        }
        String principal = "iam::" + domain.getId() + (userId == null ? ":temporary-credentials" : ":user:" + userId);
        return new CloudIdentity(domain.getId() + " (" + domain.getName() + ")", principal, userId);
    }

    /** The IAM user owning a permanent key; null when the identity may not read its own key's record. */
    private static String owner(HuaweiClients clients, HuaweiClients.Bundle b, String accessKey) {
        try {
            var credential = clients.invoke(b.iam()
                            .showPermanentAccessKeyInvoker(
                                    new ShowPermanentAccessKeyRequest().withAccessKey(accessKey)))
                    .getCredential();
            return credential == null ? null : credential.getUserId();
        } catch (ServiceResponseException e) {
            if (e.getHttpStatusCode() == 403) {
                return null;
            }
            throw e;
        }
    }
}
