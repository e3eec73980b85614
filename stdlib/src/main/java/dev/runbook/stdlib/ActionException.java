package dev.runbook.stdlib;

/**
 * The action could not be done (refused connection, timeout, SQL error, ...): the step errors with this one-line
 * reason, which the operator reads. No stack trace: the reason is the whole message.
 */
public class ActionException extends Exception {
    private static final long serialVersionUID = 1L;

    public ActionException(String reason) {
        super(reason, null, false, false);
    }
}
