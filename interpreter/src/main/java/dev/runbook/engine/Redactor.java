package dev.runbook.engine;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Replaces every secret value, and its base64 and URL-encoded forms, with *** in text meant for people. */
public final class Redactor {
    public static final String MASK = "***";
    private final List<String> forms;

    public Redactor(java.util.Collection<String> secrets) {
        Set<String> all = new LinkedHashSet<>();
        for (String secret : secrets) {
            if (secret == null || secret.isEmpty()) {
                continue;
            }
            all.add(secret);
            all.add(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
            all.add(Base64.getEncoder().withoutPadding().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
            all.add(Base64.getUrlEncoder().withoutPadding().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
            all.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
            all.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        // Longest first, so a secret inside another's encoding is not half-replaced.
        this.forms = all.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    public String redact(String text) {
        if (text == null || forms.isEmpty()) {
            return text;
        }
        String out = text;
        for (String form : forms) {
            out = out.replace(form, MASK);
        }
        return out;
    }
}
