package io.azureoperator.apiserver;

import java.util.ArrayDeque;
import java.util.List;
import java.util.regex.Pattern;

/** The requests served, as {@code METHOD uri}: the last {@link #KEEP}, and how many in all. */
final class RequestLog {
    static final int KEEP = 100_000;
    private final ArrayDeque<String> entries = new ArrayDeque<>();
    private long total;

    synchronized void record(String method, String uri) {
        entries.addLast(method + " " + uri);
        total++;
        if (entries.size() > KEEP) {
            entries.removeFirst();
        }
    }

    synchronized List<String> entries() {
        return List.copyOf(entries);
    }

    synchronized long total() {
        return total;
    }

    /** How many of the kept requests have this method ("*" for any) and a URI in which the pattern is found. */
    synchronized long count(String method, String uriRegex) {
        Pattern p = Pattern.compile(uriRegex);
        return entries.stream().filter(e -> {
            int space = e.indexOf(' ');
            return (method.equals("*") || e.substring(0, space).equalsIgnoreCase(method))
                    && p.matcher(e.substring(space + 1)).find();
        }).count();
    }

    synchronized void clear() {
        entries.clear();
    }
}
