package dev.runbook.stdlib;

/** A manual step or an approval needs an answer that no one can give here (no terminal, no flag). */
public final class NeedsAnswerException extends ActionException {
    private static final long serialVersionUID = 1L;
    private final String flag;

    public NeedsAnswerException(String reason, String flag) {
        super(reason);
        this.flag = flag;
    }

    /** The command-line flag that would answer it, such as --approve approve_restore. */
    public String flag() {
        return flag;
    }
}
