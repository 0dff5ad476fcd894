package dev.cloudops.demo;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The default storage class and the volumes of the StatefulSets: a bound claim and its provisioned volume per pod, and
 * a claim stuck Pending because it asks for a storage class that does not exist.
 */
final class DemoStorage {

    static final String PROVISIONER = "rancher.io/local-path";

    private DemoStorage() {}

    static HasMetadata storageClass(Instant now) {
        return new StorageClassBuilder()
                .withNewMetadata()
                .withName("standard")
                .withUid(DemoIds.uid("StorageClass/standard"))
                .withCreationTimestamp(DemoIds.time(now.minus(Duration.ofDays(92))))
                .addToAnnotations("storageclass.kubernetes.io/is-default-class", "true")
                .endMetadata()
                .withProvisioner(PROVISIONER)
                .withReclaimPolicy("Delete")
                .withVolumeBindingMode("WaitForFirstConsumer")
                .withAllowVolumeExpansion(true)
                .build();
    }

    /** Claims first, then the volumes bound to them, for every StatefulSet pod with a volume claim template. */
    static List<HasMetadata> volumes(List<DemoWorkload> catalog, List<Pod> pods) {
        List<HasMetadata> claims = new ArrayList<>();
        List<HasMetadata> volumes = new ArrayList<>();
        for (DemoWorkload w : catalog) {
            if (w.storage == null) {
                continue;
            }
            for (Pod pod : pods) {
                if (!w.namespace.equals(pod.getMetadata().getNamespace())
                        || !pod.getMetadata()
                                .getOwnerReferences()
                                .get(0)
                                .getName()
                                .equals(w.name)
                        || !pod.getMetadata()
                                .getOwnerReferences()
                                .get(0)
                                .getKind()
                                .equals("StatefulSet")) {
                    continue;
                }
                PersistentVolumeClaim claim = claim(w, pod);
                claims.add(claim);
                if ("Bound".equals(claim.getStatus().getPhase())) {
                    volumes.add(volume(w, pod, claim));
                }
            }
        }
        claims.addAll(volumes);
        return claims;
    }

    private static PersistentVolumeClaim claim(DemoWorkload w, Pod pod) {
        String name = "data-" + pod.getMetadata().getName();
        Instant created = parse(pod.getMetadata().getCreationTimestamp());
        boolean bound = w.storageClass.equals("standard");
        PersistentVolumeClaimBuilder claim = new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withNamespace(w.namespace)
                .withName(name)
                .withUid(DemoIds.uid("PersistentVolumeClaim/" + w.namespace + "/" + name))
                .withCreationTimestamp(DemoIds.time(created))
                .withLabels(DemoWorkloads.selector(w))
                .addToFinalizers("kubernetes.io/pvc-protection")
                .endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withStorageClassName(w.storageClass)
                .withVolumeMode("Filesystem")
                .withNewResources()
                .addToRequests("storage", new Quantity(w.storage))
                .endResources()
                .endSpec();
        if (!bound) {
            return claim.withNewStatus().withPhase("Pending").endStatus().build();
        }
        return claim.editMetadata()
                .addToAnnotations("pv.kubernetes.io/bind-completed", "yes")
                .addToAnnotations("pv.kubernetes.io/bound-by-controller", "yes")
                .addToAnnotations("volume.beta.kubernetes.io/storage-provisioner", PROVISIONER)
                .addToAnnotations(
                        "volume.kubernetes.io/selected-node", pod.getSpec().getNodeName())
                .addToAnnotations("volume.kubernetes.io/storage-provisioner", PROVISIONER)
                .endMetadata()
                .editSpec()
                .withVolumeName(volumeName(w, name))
                .endSpec()
                .withNewStatus()
                .withPhase("Bound")
                .withAccessModes("ReadWriteOnce")
                .addToCapacity("storage", new Quantity(w.storage))
                .endStatus()
                .build();
    }

    private static HasMetadata volume(DemoWorkload w, Pod pod, PersistentVolumeClaim claim) {
        String name = claim.getSpec().getVolumeName();
        String node = pod.getSpec().getNodeName();
        return new PersistentVolumeBuilder()
                .withNewMetadata()
                .withName(name)
                .withUid(DemoIds.uid("PersistentVolume/" + name))
                .withCreationTimestamp(claim.getMetadata().getCreationTimestamp())
                .addToAnnotations("pv.kubernetes.io/provisioned-by", PROVISIONER)
                .addToAnnotations("local.path.provisioner/selected-node", node)
                .addToFinalizers("kubernetes.io/pv-protection")
                .endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .addToCapacity("storage", new Quantity(w.storage))
                .withNewClaimRef()
                .withApiVersion("v1")
                .withKind("PersistentVolumeClaim")
                .withNamespace(w.namespace)
                .withName(claim.getMetadata().getName())
                .withUid(claim.getMetadata().getUid())
                .endClaimRef()
                .withNewHostPath()
                .withPath("/var/lib/rancher/local-path/" + name + "_" + w.namespace + "_"
                        + claim.getMetadata().getName())
                .withType("DirectoryOrCreate")
                .endHostPath()
                .withNewNodeAffinity()
                .withNewRequired()
                .addNewNodeSelectorTerm()
                .addNewMatchExpression()
                .withKey("kubernetes.io/hostname")
                .withOperator("In")
                .withValues(node)
                .endMatchExpression()
                .endNodeSelectorTerm()
                .endRequired()
                .endNodeAffinity()
                .withPersistentVolumeReclaimPolicy("Delete")
                .withStorageClassName(w.storageClass)
                .withVolumeMode("Filesystem")
                .endSpec()
                .withNewStatus()
                .withPhase("Bound")
                .endStatus()
                .build();
    }

    private static String volumeName(DemoWorkload w, String claim) {
        // Real volumes are named after the claim's uid; the API server assigns that uid, so derive a stable one here.
        return "pvc-" + DemoIds.uid("volume/" + w.namespace + "/" + claim);
    }

    private static Instant parse(String time) {
        try {
            return Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("fixture pod without a valid creation time: " + time, e);
        }
    }
}
