package com.acmebank.triggers.rule;

/** A rule file as written by marketing: its name (which says YAML or JSON) and its text. */
public class RuleSource implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    public String fileName;
    public String text;

    public RuleSource() {}

    public RuleSource(String fileName, String text) {
        this.fileName = fileName;
        this.text = text;
    }

    public boolean isJson() {
        return fileName != null && fileName.toLowerCase().endsWith(".json");
    }
}
