package io.azureoperator.budget;

/**
 * One durable entry of the {@link SpentLedger}: at most {@code count} grants of {@code requestClass}, all handed
 * out within {@code [at, until]} (epoch millis). A process that finds it after a restart counts it as
 * {@code count} grants spent at {@code until} (or at its own start, if that is earlier): never earlier than
 * any grant it stands for, so those grants stay in every window they were really in.
 */
public record Reservation(RequestClass requestClass, long at, long until, int count) {

    public Reservation {
        if (count <= 0 || until < at) {
            throw new IllegalArgumentException("bad reservation " + count + " in [" + at + ", " + until + "]");
        }
    }

    /** The text form stored in the ledger: {@code CLASS:at:until:count}. */
    public String encode() {
        return requestClass + ":" + at + ":" + until + ":" + count;
    }

    public static Reservation decode(String text) {
        String[] p = text.trim().split(":");
        if (p.length != 4) {
            throw new IllegalArgumentException("not a reservation: '" + text + "'");
        }
        return new Reservation(RequestClass.valueOf(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]),
                Integer.parseInt(p[3]));
    }
}
