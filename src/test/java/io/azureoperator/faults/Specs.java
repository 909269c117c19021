package io.azureoperator.faults;

import static io.azureoperator.it.OperatorHarness.rgId;

import io.azureoperator.it.OperatorHarness;
import io.azureoperator.kube.Annotations;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** Manifests and ARM IDs the fault scenarios share. Resources live under a seeded resource group, by armId. */
final class Specs {
    static final String RG = "fault-rg";
    static final String RG_ID = rgId(RG);

    private Specs() {
    }

    static void seedResourceGroup(OperatorHarness h) {
        h.emulator.seed(RG_ID, new JsonObject().put("location", "westcentralus"));
    }

    static String annotations(String policy) {
        return policy == null ? "{}" : "{" + Annotations.RECONCILE_POLICY + ": " + policy + "}";
    }

    static String rg(String name, String policy) {
        return """
                apiVersion: resources.azure.com/v1api20200601
                kind: ResourceGroup
                metadata: {name: %s, namespace: default, annotations: %s}
                spec: {location: westcentralus}
                """.formatted(name, annotations(policy));
    }

    static String nsg(String name, String policy) {
        return """
                apiVersion: network.azure.com/v1api20201101
                kind: NetworkSecurityGroup
                metadata: {name: %s, namespace: default, annotations: %s}
                spec:
                  location: westcentralus
                  owner: {armId: %s}
                """.formatted(name, annotations(policy), RG_ID);
    }

    static String vnet(String name, String policy) {
        return """
                apiVersion: network.azure.com/v1api20201101
                kind: VirtualNetwork
                metadata: {name: %s, namespace: default, annotations: %s}
                spec:
                  location: westcentralus
                  owner: {armId: %s}
                  addressSpace: {addressPrefixes: ["10.0.0.0/16"]}
                """.formatted(name, annotations(policy), RG_ID);
    }

    static String subnet(String name, String vnet, String nsg) {
        return """
                apiVersion: network.azure.com/v1api20201101
                kind: VirtualNetworksSubnet
                metadata: {name: %s, namespace: default}
                spec:
                  owner: {name: %s}
                  addressPrefix: 10.0.1.0/24
                  networkSecurityGroup: {reference: {group: network.azure.com, kind: NetworkSecurityGroup, name: %s}}
                """.formatted(name, vnet, nsg);
    }

    static String identity(String name, String policy) {
        return """
                apiVersion: managedidentity.azure.com/v1api20230131
                kind: UserAssignedIdentity
                metadata: {name: %s, namespace: default, annotations: %s}
                spec:
                  location: westcentralus
                  owner: {armId: %s}
                """.formatted(name, annotations(policy), RG_ID);
    }

    static String storage(String name, String policy) {
        return """
                apiVersion: storage.azure.com/v1api20230101
                kind: StorageAccount
                metadata: {name: %s, namespace: default, annotations: %s}
                spec:
                  location: westcentralus
                  owner: {armId: %s}
                  kind: StorageV2
                  sku: {name: Standard_LRS}
                  operatorSpec:
                    secrets:
                      key1: {name: %s-keys, key: key1}
                """.formatted(name, annotations(policy), RG_ID, name);
    }

    static String publicIp(String name, String policy) {
        return """
                apiVersion: network.azure.com/v1api20201101
                kind: PublicIPAddress
                metadata: {name: %s, namespace: default, annotations: %s}
                spec:
                  location: westcentralus
                  owner: {armId: %s}
                  sku: {name: Standard}
                  publicIPAllocationMethod: Static
                """.formatted(name, annotations(policy), RG_ID);
    }

    static String nsgId(String name) {
        return RG_ID + "/providers/Microsoft.Network/networkSecurityGroups/" + name;
    }

    static String vnetId(String name) {
        return RG_ID + "/providers/Microsoft.Network/virtualNetworks/" + name;
    }

    static String subnetId(String vnet, String name) {
        return vnetId(vnet) + "/subnets/" + name;
    }

    static String identityId(String name) {
        return RG_ID + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" + name;
    }

    static String storageId(String name) {
        return RG_ID + "/providers/Microsoft.Storage/storageAccounts/" + name;
    }

    static String publicIpId(String name) {
        return RG_ID + "/providers/Microsoft.Network/publicIPAddresses/" + name;
    }

    /** Sets {@code spec.tags} (a spec change: the generation goes up). */
    @SuppressWarnings("unchecked")
    static void tag(OperatorHarness h, String kind, String name, String value) {
        retryingConflicts(() -> h.resource(kind, "default", name).edit(r -> {
            ((Map<String, Object>) r.getAdditionalProperties().get("spec")).put("tags", Map.of("v", value));
            return r;
        }));
    }

    static void setPolicy(OperatorHarness h, String kind, String name, String policy) {
        retryingConflicts(() -> h.resource(kind, "default", name).edit(r -> {
            if (r.getMetadata().getAnnotations() == null) {
                r.getMetadata().setAnnotations(new java.util.HashMap<>());
            }
            r.getMetadata().getAnnotations().put(Annotations.RECONCILE_POLICY, policy);
            return r;
        }));
    }

    /** A user's edit carries the resourceVersion it read: the operator writing meanwhile gives a 409; retry as kubectl users do. */
    static void retryingConflicts(Runnable edit) {
        for (int attempt = 0; ; attempt++) {
            try {
                edit.run();
                return;
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= 20) {
                    throw e;
                }
            }
        }
    }
}
