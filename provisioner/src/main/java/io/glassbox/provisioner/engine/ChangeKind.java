package io.glassbox.provisioner.engine;

/** What a change does to a resource, with Terraform's plan symbols. */
public enum ChangeKind {
    CREATE("+", "create"),
    UPDATE("~", "update in place"),
    REPLACE("-/+", "replace"),
    DELETE("-", "delete");

    private final String symbol;
    private final String verb;

    ChangeKind(String symbol, String verb) {
        this.symbol = symbol;
        this.verb = verb;
    }

    public String symbol() {
        return symbol;
    }

    public String verb() {
        return verb;
    }
}
