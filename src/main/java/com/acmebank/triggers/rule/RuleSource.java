package com.acmebank.triggers.rule;

/**
 * A rule file as written by marketing: its name (which says YAML or JSON) and its text; and, once published, the
 * rule id the publisher named it by and whether it is paused (a paused rule keeps its customers' state but does not
 * fire).
 */
public class RuleSource implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    public String fileName;
    public String text;
    /** The id the publisher gave (the topic key); null for a rule read from a file. */
    public String ruleId;
    public boolean paused;
    /** 0, or the life of a rule added again after it was deleted: its customers' state starts afresh. Set by the registry. */
    public int incarnation;

    public RuleSource() {}

    public RuleSource(String fileName, String text) {
        this.fileName = fileName;
        this.text = text;
    }

    public boolean isJson() {
        return fileName != null && fileName.toLowerCase().endsWith(".json");
    }

    public RuleSource copy() {
        RuleSource s = new RuleSource(fileName, text);
        s.ruleId = ruleId;
        s.paused = paused;
        s.incarnation = incarnation;
        return s;
    }
}
