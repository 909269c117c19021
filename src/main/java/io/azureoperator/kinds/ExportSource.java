package io.azureoperator.kinds;

/**
 * Where an {@code operatorSpec.secrets}/{@code configMaps} value comes from: a path in the resource's status
 * mirror (e.g. {@code primaryEndpoints.blob}), or an ARM POST action's answer (e.g. {@code listKeys},
 * {@code keys[keyName=key1].value}). Action values are secrets: they may only go to Secrets.
 *
 * @param action the POST action, or null for a status value
 * @param changesWith for an action: a status path that changes when the action's values do (e.g. a storage
 *                    account's {@code keyCreationTime} when its keys are regenerated), so a periodic sync that
 *                    sees it change calls the action again; null when nothing shows it
 */
public record ExportSource(String statusPath, String action, String apiVersion, String path, String changesWith) {

    public boolean fromAction() {
        return action != null;
    }
}
