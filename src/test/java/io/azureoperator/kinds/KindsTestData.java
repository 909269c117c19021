package io.azureoperator.kinds;

/** A VirtualNetwork-like kind file, as a kind author would write it (SPEC §3). */
final class KindsTestData {
    private KindsTestData() {
    }

    static final String VNET_YAML = """
            group: network.azure.com
            version: v1api20201101
            kind: VirtualNetwork
            plural: virtualnetworks
            armType: Microsoft.Network/virtualNetworks
            apiVersion: "2020-11-01"
            owner: {group: resources.azure.com, kind: ResourceGroup}
            envelope: [location, tags, extendedLocation]
            spec:
              required: [location]
              properties:
                location: {type: string}
                tags:
                  type: object
                  additionalProperties: {type: string}
                addressSpace:
                  type: object
                  properties:
                    addressPrefixes:
                      type: array
                      items: {type: string}
                subnets:
                  type: array
                  items:
                    type: object
                    x-kubernetes-preserve-unknown-fields: true
            status:
              properties:
                provisioningState: {type: string}
                addressSpace:
                  type: object
                  properties:
                    addressPrefixes:
                      type: array
                      items: {type: string}
            """;

    static KindDescriptor vnet() {
        return KindRegistry.parse("virtualnetwork.yaml", VNET_YAML);
    }
}
