package dev.runbook.engine;

import dev.runbook.stdlib.UrlPasswords;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces every secret value, and its base64 and URL-encoded forms, with *** in text meant for people. Secrets
 * are the declared ones, and every URL password the run sees (in params, the environment, database URLs, http
 * URLs): those are learnt as they are seen, and a URL's password is masked in place even before.
 */
public final class Redactor {
    public static final String MASK = "***";
    private final Set<String> secrets = new LinkedHashSet<>();
    private volatile List<String> forms = List.of();

    public Redactor(java.util.Collection<String> secrets) {
        secrets.forEach(this::add);
        rebuild();
    }

    /** Learns the passwords of the URLs in a value (a string, or one inside lists and maps). */
    public void learnUrlPasswords(Object value) {
        boolean added = false;
        if (value instanceof String text) {
            for (String password : UrlPasswords.find(text)) {
                added |= add(password);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(this::learnUrlPasswords);
        } else if (value instanceof List<?> list) {
            list.forEach(this::learnUrlPasswords);
        }
        if (added) {
            rebuild();
        }
    }

    private synchronized boolean add(String secret) {
        return secret != null && !secret.isEmpty() && !secret.equals(MASK) && secrets.add(secret);
    }

    private synchronized void rebuild() {
        Set<String> all = new LinkedHashSet<>();
        for (String secret : secrets) {
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
        if (text == null) {
            return null;
        }
        String out = text;
        for (String form : forms) {
            out = out.replace(form, MASK);
        }
        return UrlPasswords.mask(out);
    }
}
