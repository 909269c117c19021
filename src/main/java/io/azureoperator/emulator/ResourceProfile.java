package io.azureoperator.emulator;

import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Everything the emulator knows about one ARM type, as data. Build one with {@link #of(String)}.
 *
 * @param type                  canonical full type, e.g. {@code Microsoft.Network/virtualNetworks}
 * @param apiVersions           accepted api-versions
 * @param putStyle              how PUT is answered
 * @param deleteStyle           how DELETE is answered
 * @param locationRequired      whether PUT needs {@code location}
 * @param resourceGroupsSegment how this provider spells the resource-group segment in IDs it returns
 * @param etag                  whether the type carries a weak etag that changes on every write
 * @param settledState          {@code provisioningState} once settled, or null when the type has none
 * @param nameRule              validates the resource name (throws {@link ArmError})
 * @param defaults              server defaults merged under the stored body (only where absent)
 * @param stickyFields          dotted paths of server-set values kept across writes
 * @param inlineChildren        body array (under {@code properties}) whose entries are really child resources,
 *                              mapped to the child type segment (e.g. VNet {@code subnets})
 * @param actions               POST actions (e.g. {@code listKeys}) with the api-versions they accept
 * @param behavior              code for server fields that are not plain defaults
 */
record ResourceProfile(String type, Set<String> apiVersions, PutStyle putStyle, DeleteStyle deleteStyle,
                       boolean locationRequired, String resourceGroupsSegment, boolean etag, String settledState,
                       Consumer<String> nameRule, JsonObject defaults, List<String> stickyFields,
                       Map<String, String> inlineChildren, Map<String, Set<String>> actions,
                       TypeBehavior behavior) {

    String namespace() {
        return type.substring(0, type.indexOf('/'));
    }

    /** The last type segment, e.g. {@code subnets}. */
    String shortType() {
        return type.substring(type.lastIndexOf('/') + 1);
    }

    String format(ArmId id) {
        return id.withCanonicalType(type).format(resourceGroupsSegment);
    }

    static Builder of(String type) {
        return new Builder(type);
    }

    /** Fluent builder; unset fields get the most common value. */
    static final class Builder {
        private final String type;
        private Set<String> apiVersions = Set.of();
        private PutStyle putStyle = PutStyle.SYNC;
        private DeleteStyle deleteStyle = DeleteStyle.SYNC;
        private boolean locationRequired = true;
        private String resourceGroupsSegment = "resourceGroups";
        private boolean etag;
        private String settledState = "Succeeded";
        private Consumer<String> nameRule = name -> { };
        private JsonObject defaults = new JsonObject();
        private List<String> stickyFields = List.of();
        private Map<String, String> inlineChildren = Map.of();
        private Map<String, Set<String>> actions = Map.of();
        private TypeBehavior behavior = TypeBehavior.NONE;

        private Builder(String type) {
            this.type = type;
        }

        Builder apiVersions(String... versions) {
            this.apiVersions = Set.of(versions);
            return this;
        }

        Builder put(PutStyle style) {
            this.putStyle = style;
            return this;
        }

        Builder delete(DeleteStyle style) {
            this.deleteStyle = style;
            return this;
        }

        Builder noLocation() {
            this.locationRequired = false;
            return this;
        }

        Builder lowercaseResourceGroupsInIds() {
            this.resourceGroupsSegment = "resourcegroups";
            return this;
        }

        Builder weakEtag() {
            this.etag = true;
            return this;
        }

        Builder noProvisioningState() {
            this.settledState = null;
            return this;
        }

        Builder nameRule(Consumer<String> rule) {
            this.nameRule = rule;
            return this;
        }

        Builder defaults(String json) {
            this.defaults = new JsonObject(json);
            return this;
        }

        Builder sticky(String... dottedPaths) {
            this.stickyFields = List.of(dottedPaths);
            return this;
        }

        Builder inlineChildren(String arrayField, String childType) {
            this.inlineChildren = Map.of(arrayField, childType);
            return this;
        }

        Builder action(String name, String... versions) {
            Map<String, Set<String>> more = new java.util.LinkedHashMap<>(actions);
            more.put(name, Set.of(versions));
            this.actions = Map.copyOf(more);
            return this;
        }

        Builder behavior(TypeBehavior behavior) {
            this.behavior = behavior;
            return this;
        }

        ResourceProfile build() {
            return new ResourceProfile(type, apiVersions, putStyle, deleteStyle, locationRequired,
                    resourceGroupsSegment, etag, settledState, nameRule, defaults, stickyFields, inlineChildren,
                    actions, behavior);
        }
    }
}
