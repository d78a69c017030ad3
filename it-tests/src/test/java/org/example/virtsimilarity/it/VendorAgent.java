package org.example.virtsimilarity.it;

/**
 * A Java agent for the Hudson 1.395 war: its XStream refuses a JVM vendor it does not know (Debian's), and the
 * property can only be changed before the server starts, which an agent's premain does.
 */
public final class VendorAgent {
    private VendorAgent() {
    }

    public static void premain(String arguments) {
        System.setProperty("java.vm.vendor", "Oracle Corporation");
    }
}
