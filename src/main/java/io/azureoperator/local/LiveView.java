package io.azureoperator.local;

import io.azureoperator.Operator;
import io.azureoperator.budget.RequestClass;
import io.azureoperator.kinds.KindDescriptor;
import io.azureoperator.kube.ResourceCache;
import io.azureoperator.kube.ResourceKey;
import io.azureoperator.kube.Resources;
import io.azureoperator.model.Condition;
import io.azureoperator.model.Conditions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.PrintStream;
import java.util.Map;

/** The {@code --local} terminal table: every resource's Ready state and ARM requests against the budget. */
public final class LiveView {
    private final Operator operator;
    private final PrintStream out;
    private String last = "";

    public LiveView(Operator operator, PrintStream out) {
        this.operator = operator;
        this.out = out;
    }

    /** Prints the table when it changed; on a terminal it redraws in place. */
    public void refresh() {
        String table = render();
        if (table.equals(last)) {
            return;
        }
        last = table;
        if (System.console() != null) {
            out.print("\033[H\033[2J");
        }
        out.print(table);
        out.flush();
    }

    String render() {
        StringBuilder b = new StringBuilder();
        String row = "%-24s %-36s %-6s %-24s %s%n";
        b.append(String.format(row, "KIND", "NAMESPACE/NAME", "READY", "REASON", "MESSAGE"));
        for (Map.Entry<KindDescriptor, ResourceCache> e : operator.caches().entrySet()) {
            for (GenericKubernetesResource r : e.getValue().all()) {
                Condition ready = Conditions.find(Resources.status(r).getJsonArray("conditions"), Condition.READY)
                        .orElse(null);
                String message = ready == null || ready.message() == null ? "" : ready.message();
                b.append(String.format(row, e.getKey().kind(), ResourceKey.of(r),
                        ready == null ? "-" : ready.status(), ready == null ? "-" : ready.reason(),
                        message.length() > 70 ? message.substring(0, 67) + "..." : message));
            }
        }
        Map<RequestClass, Long> sent = operator.arm().sentCounts();
        var c = operator.config();
        b.append(String.format("%nARM requests so far: writes %d (budget %s), reads %d (budget %s), deletes %d "
                        + "(budget %s); waiting for budget: %d%n", sent.get(RequestClass.WRITE), c.writeLimit(),
                sent.get(RequestClass.READ), c.readLimit(), sent.get(RequestClass.DELETE), c.deleteLimit(),
                operator.requestsWaiting()));
        b.append("Ctrl-C to stop.\n");
        return b.toString();
    }
}
