package dev.runbook.syntax;

import dev.runbook.ast.CelStrings;
import dev.runbook.ast.SourceSpan;
import dev.runbook.grammar.RunbookParser;
import dev.runbook.grammar.RunbookParser.*;
import dev.runbook.stdlib.ActionKinds;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the DSL form into the same {@link RawNode} shape as the YAML form: each statement becomes the key it
 * spells in YAML ({@code expect e} an item of expect:, {@code GET "u"} http: {method, url}), so one builder
 * serves both forms.
 */
public final class DslReader {
    private final SourceFile source;
    private final Diagnostics diagnostics;
    private final ActionKinds kinds;
    private final ExpressionBuilder expressions;
    private final SourceSpan origin;

    private DslReader(SourceFile source, Diagnostics diagnostics, ActionKinds kinds) {
        this.source = source;
        this.diagnostics = diagnostics;
        this.kinds = kinds;
        this.origin = SourceSpan.at(source.path(), 1, 1);
        this.expressions = new ExpressionBuilder(origin, diagnostics);
    }

    /** The runbook as raw nodes, or null when the file has syntax errors (reported). */
    public static RawNode read(SourceFile source, Diagnostics diagnostics, ActionKinds kinds) {
        DslReader reader = new DslReader(source, diagnostics, kinds);
        try {
            RunbookFileContext tree = Parsing.parse(source.text(), false, reader.origin, diagnostics,
                    RunbookParser::runbookFile);
            return tree == null ? null : reader.file(tree);
        } catch (StackOverflowError e) {
            diagnostics.error(reader.origin, "the runbook is nested too deeply");
            return null;
        }
    }

    /** Collects entries, merging repeated list-valued statements (expect, steps) into one list. */
    private static final class MapBuilder {
        private final Map<String, RawNode.Entry> entries = new LinkedHashMap<>();
        private final Map<String, List<RawNode>> lists = new LinkedHashMap<>();
        private final Map<String, SourceSpan> listSpans = new LinkedHashMap<>();
        private final List<RawNode.Entry> repeated = new ArrayList<>();

        void put(String key, SourceSpan keySpan, RawNode value) {
            RawNode.Entry entry = new RawNode.Entry(key, keySpan, value);
            if (entries.containsKey(key) || lists.containsKey(key)) {
                repeated.add(entry);
            } else {
                entries.put(key, entry);
            }
        }

        void append(String key, SourceSpan keySpan, RawNode item) {
            if (entries.containsKey(key) && !lists.containsKey(key)) {
                repeated.add(new RawNode.Entry(key, keySpan, item));
                return;
            }
            lists.computeIfAbsent(key, k -> new ArrayList<>()).add(item);
            listSpans.putIfAbsent(key, keySpan);
            entries.put(key, null);
        }

        void appendEntry(String listKey, SourceSpan keySpan, String key, SourceSpan entrySpan, RawNode value) {
            append(listKey, keySpan, new RawNode.MapNode(List.of(new RawNode.Entry(key, entrySpan, value)), entrySpan));
        }

        RawNode.MapNode build(SourceSpan span) {
            List<RawNode.Entry> out = new ArrayList<>();
            for (Map.Entry<String, RawNode.Entry> e : entries.entrySet()) {
                if (e.getValue() != null) {
                    out.add(e.getValue());
                } else {
                    SourceSpan listSpan = listSpans.get(e.getKey());
                    out.add(new RawNode.Entry(e.getKey(), listSpan, new RawNode.ListNode(lists.get(e.getKey()), listSpan)));
                }
            }
            out.addAll(repeated);
            return new RawNode.MapNode(out, span);
        }
    }

    private RawNode file(RunbookFileContext ctx) {
        MapBuilder root = new MapBuilder();
        root.put("runbook", span(ctx.runbookId()), runbookId(ctx.runbookId()));
        if (ctx.title != null) {
            root.put("title", span(ctx.title), string(ctx.title));
        }
        MapBuilder params = new MapBuilder();
        MapBuilder environments = new MapBuilder();
        MapBuilder secrets = new MapBuilder();
        MapBuilder databases = new MapBuilder();
        SourceSpan paramsSpan = null;
        SourceSpan environmentsSpan = null;
        SourceSpan secretsSpan = null;
        SourceSpan databasesSpan = null;
        for (RunbookItemContext item : ctx.runbookItem()) {
            SourceSpan at = span(item.getStart());
            if (item instanceof RunbookTitleContext c) {
                root.put("title", at, string(c.STRING().getSymbol()));
            } else if (item instanceof RunbookDescriptionContext c) {
                root.put("description", at, string(c.STRING().getSymbol()));
            } else if (item instanceof RunbookOwnerContext c) {
                root.put("owner", at, string(c.STRING().getSymbol()));
            } else if (item instanceof RunbookScheduleContext c) {
                root.put("schedule", at, string(c.STRING().getSymbol()));
            } else if (item instanceof RunbookTagsContext c) {
                List<RawNode> tags = new ArrayList<>();
                c.STRING().forEach(t -> tags.add(string(t.getSymbol())));
                root.put("tags", at, new RawNode.ListNode(tags, at));
            } else if (item instanceof RunbookParamContext c) {
                paramsSpan = paramsSpan == null ? at : paramsSpan;
                MapBuilder param = new MapBuilder();
                if (c.type != null) {
                    param.put("type", span(c.type), plain(c.type));
                }
                if (c.value != null) {
                    param.put("default", span(c.value), value(c.value));
                }
                settings(param, c.settings());
                params.put(c.name.getText(), span(c.name), param.build(at));
            } else if (item instanceof RunbookEnvironmentContext c) {
                environmentsSpan = environmentsSpan == null ? at : environmentsSpan;
                MapBuilder values = new MapBuilder();
                for (AssignmentContext a : c.assignment()) {
                    values.put(a.name.getText(), span(a.name), value(a.value));
                }
                environments.put(c.name.getText(), span(c.name), values.build(at));
            } else if (item instanceof RunbookSecretContext c) {
                secretsSpan = secretsSpan == null ? at : secretsSpan;
                secrets.put(c.name.getText(), span(c.name), plain(c.variable));
            } else if (item instanceof RunbookDatabaseContext c) {
                databasesSpan = databasesSpan == null ? at : databasesSpan;
                databases.put(c.name.getText(), span(c.name), value(c.url));
            } else if (item instanceof RunbookDefaultsContext c) {
                MapBuilder defaults = new MapBuilder();
                for (DefaultsItemContext d : c.defaultsItem()) {
                    if (d instanceof DefaultTimeoutContext t) {
                        defaults.put("timeout", span(t), value(t.value));
                    } else if (d instanceof DefaultOnFailureContext f) {
                        defaults.put("on_failure", span(f), plain(f.choice));
                    } else {
                        DefaultKindContext k = (DefaultKindContext) d;
                        MapBuilder settings = new MapBuilder();
                        settings(settings, k.settings());
                        defaults.put(k.kind.getText(), span(k.kind), settings.build(span(k)));
                    }
                }
                root.put("defaults", at, defaults.build(at));
            } else if (item instanceof RunbookStepContext c) {
                root.append("steps", at, step(c.step()));
            } else if (item instanceof RunbookFinallyContext c) {
                List<RawNode> steps = new ArrayList<>();
                c.step().forEach(s -> steps.add(step(s)));
                root.put("finally", at, new RawNode.ListNode(steps, at));
            }
        }
        if (paramsSpan != null) {
            root.put("params", paramsSpan, params.build(paramsSpan));
        }
        if (environmentsSpan != null) {
            root.put("environments", environmentsSpan, environments.build(environmentsSpan));
        }
        if (secretsSpan != null) {
            root.put("secrets", secretsSpan, secrets.build(secretsSpan));
        }
        if (databasesSpan != null) {
            root.put("databases", databasesSpan, databases.build(databasesSpan));
        }
        return root.build(span(ctx));
    }

    private RawNode runbookId(RunbookIdContext ctx) {
        StringBuilder id = new StringBuilder();
        Token previous = null;
        for (IdPartContext part : ctx.idPart()) {
            if (previous != null && part.getStart().getStartIndex() != previous.getStopIndex() + 1) {
                diagnostics.error(span(part.getStart()), "a runbook id is one word: no spaces inside "
                        + "(for example permit-school.morning-health-check)");
            }
            id.append(part.getText());
            previous = part.getStop();
        }
        return new RawNode.Scalar(id.toString(), id.toString(), span(ctx), span(ctx));
    }

    private RawNode step(StepContext ctx) {
        SourceSpan at = span(ctx);
        MapBuilder step = new MapBuilder();
        step.put("id", span(ctx.id), plain(ctx.id));
        if (ctx.title != null) {
            step.put("title", span(ctx.title), string(ctx.title));
        }
        if (ctx.severity != null) {
            step.put("severity", span(ctx.severity), plain(ctx.severity));
        }
        MapBuilder captures = new MapBuilder();
        SourceSpan capturesSpan = null;
        for (StepItemContext item : ctx.stepItem()) {
            SourceSpan itemSpan = span(item.getStart());
            if (item instanceof StepTitleContext c) {
                step.put("title", itemSpan, string(c.STRING().getSymbol()));
            } else if (item instanceof StepDescriptionContext c) {
                step.put("description", itemSpan, string(c.STRING().getSymbol()));
            } else if (item instanceof StepHintContext c) {
                step.put("hint", itemSpan, string(c.STRING().getSymbol()));
            } else if (item instanceof StepWhenContext c) {
                step.put("when", itemSpan, expression(c.expr()));
            } else if (item instanceof StepExpectContext c) {
                step.append("expect", itemSpan, expression(c.expr()));
            } else if (item instanceof StepCaptureContext c) {
                capturesSpan = capturesSpan == null ? itemSpan : capturesSpan;
                captures.put(c.name.getText(), span(c.name), expression(c.value));
            } else if (item instanceof StepTimeoutContext c) {
                step.put("timeout", itemSpan, value(c.expr()));
            } else if (item instanceof StepRetryContext c) {
                MapBuilder retry = new MapBuilder();
                for (RetryOptionContext option : c.retryOption()) {
                    String key = option.getStart().getText();
                    ExprContext e = option.getChild(ExprContext.class, 0);
                    retry.put(key, span(option.getStart()), key.equals("until") ? expression(e) : value(e));
                }
                step.put("retry", itemSpan, retry.build(itemSpan));
            } else if (item instanceof StepForEachContext c) {
                step.put("for_each", itemSpan, expression(c.items));
                if (c.name != null) {
                    step.put("as", span(c.name), plain(c.name));
                }
                if (c.parallel != null) {
                    step.put("parallel", span(c.parallel), value(c.parallel));
                }
            } else if (item instanceof StepOnFailureContext c) {
                step.put("on_failure", itemSpan, plain(c.choice));
            } else if (item instanceof StepRollbackContext c) {
                MapBuilder rollback = new MapBuilder();
                action(rollback, c.action());
                step.put("rollback", itemSpan, rollback.build(itemSpan));
            } else if (item instanceof StepSeverityContext c) {
                step.put("severity", itemSpan, plain(c.level));
            } else if (item instanceof StepEffectsContext c) {
                step.put("effects", itemSpan, plain(c.effect));
            } else if (item instanceof StepActionContext c) {
                action(step, c.action());
            }
        }
        if (capturesSpan != null) {
            step.put("capture", capturesSpan, captures.build(capturesSpan));
        }
        return step.build(at);
    }

    private void action(MapBuilder target, ActionContext ctx) {
        SourceSpan at = span(ctx);
        MapBuilder settings = new MapBuilder();
        String kind;
        if (ctx instanceof HttpVerbActionContext c) {
            kind = "http";
            settings.put("method", span(c.method), new RawNode.Scalar(c.method.getText(), c.method.getText(),
                    span(c.method), span(c.method)));
            settings.put("url", span(c.url), value(c.url));
            settings(settings, c.settings());
        } else if (ctx instanceof SqlActionContext c) {
            kind = "sql";
            settings.put("db", span(c.db), plain(c.db));
            settings.put("query", span(c.query), value(c.query));
            settings(settings, c.settings());
        } else if (ctx instanceof WaitUntilActionContext c) {
            kind = "wait";
            settings.put("until", span(c.condition), expression(c.condition));
            if (c.every != null) {
                settings.put("every", span(c.every), value(c.every));
            }
            if (c.limit != null) {
                settings.put("timeout", span(c.limit), value(c.limit));
            }
        } else if (ctx instanceof ApproveActionContext c) {
            kind = "approve";
            settings.put("prompt", span(c.prompt), value(c.prompt));
            if (!c.approvers.isEmpty()) {
                List<RawNode> approvers = new ArrayList<>();
                c.approvers.forEach(a -> approvers.add(value(a)));
                settings.put("approvers", span(c.approvers.get(0)), new RawNode.ListNode(approvers, span(c.approvers.get(0))));
            }
            settings(settings, c.settings());
        } else {
            GenericActionContext c = (GenericActionContext) ctx;
            kind = c.kind.getText();
            if (c.shorthand != null && c.settings() == null) {
                target.put(kind, span(c.kind), value(c.shorthand));
                return;
            }
            if (c.shorthand != null) {
                String key = kinds.find(kind).map(k -> k.descriptor().shorthandKey()).orElse(null);
                if (key == null) {
                    diagnostics.error(span(c.shorthand), "'" + kind + "' takes no value before its { settings }");
                } else {
                    settings.put(key, span(c.shorthand), value(c.shorthand));
                }
            }
            settings(settings, c.settings());
        }
        target.put(kind, span(ctx.getStart()), settings.build(at));
    }

    private void settings(MapBuilder target, SettingsContext ctx) {
        if (ctx == null) {
            return;
        }
        for (SettingContext setting : ctx.setting()) {
            target.put(setting.key.getText(), span(setting.key), value(setting.value));
        }
    }

    /** A value: a map or list literal becomes a map or list node (so each element is typed by the builder). */
    private RawNode value(ExprContext ctx) {
        PrimaryContext primary = soleprimary(ctx);
        if (primary instanceof CreateMapContext map) {
            List<RawNode.Entry> entries = new ArrayList<>();
            if (map.entries != null) {
                for (int i = 0; i < map.entries.keys.size(); i++) {
                    OptExprContext key = map.entries.keys.get(i);
                    String name = mapKey(key.e);
                    entries.add(new RawNode.Entry(name, span(key), value(map.entries.values.get(i))));
                }
            }
            return new RawNode.MapNode(entries, span(ctx));
        }
        if (primary instanceof CreateListContext list) {
            List<RawNode> items = new ArrayList<>();
            if (list.elems != null) {
                list.elems.elems.forEach(e -> items.add(value(e.e)));
            }
            return new RawNode.ListNode(items, span(ctx));
        }
        return expression(ctx);
    }

    private String mapKey(ExprContext key) {
        PrimaryContext primary = soleprimary(key);
        if (primary instanceof IdentOrGlobalCallContext ident && ident.op == null && ident.leadingDot == null) {
            return ident.id.getText();
        }
        if (primary instanceof ConstantLiteralContext literal && literal.literal() instanceof StringLiteralContext s) {
            try {
                return CelStrings.string(s.tok.getText());
            } catch (CelStrings.BadLiteral e) {
                diagnostics.error(span(key), e.getMessage());
                return "?";
            }
        }
        diagnostics.error(span(key), "a key must be a name or a string, not an expression");
        return "?";
    }

    /** The primary an expression consists of alone (no operators), else null. */
    private static PrimaryContext soleprimary(ExprContext ctx) {
        if (ctx.op != null || !ctx.e.ops.isEmpty() || !ctx.e.e.ops.isEmpty()) {
            return null;
        }
        RelationContext relation = ctx.e.e.e;
        if (relation.calc() == null || relation.calc().unary() == null) {
            return null;
        }
        if (!(relation.calc().unary() instanceof MemberExprContext member)
                || !(member.member() instanceof PrimaryExprContext primary)) {
            return null;
        }
        return primary.primary();
    }

    private RawNode expression(ExprContext ctx) {
        Expression expression = expressions.expression(ctx);
        SourceSpan contentStart = null;
        PrimaryContext primary = soleprimary(ctx);
        if (primary instanceof ConstantLiteralContext literal && literal.literal() instanceof StringLiteralContext s) {
            SourceSpan at = span(s.tok);
            contentStart = SourceSpan.at(at.file(), at.line(), at.column() + CelStrings.openingLength(s.tok.getText()));
        }
        return new RawNode.ExprNode(expression, span(ctx), contentStart);
    }

    private RawNode string(Token token) {
        SourceSpan at = span(token);
        try {
            String text = CelStrings.string(token.getText());
            SourceSpan content = SourceSpan.at(at.file(), at.line(), at.column() + CelStrings.openingLength(token.getText()));
            return new RawNode.Scalar(text, text, at, content);
        } catch (CelStrings.BadLiteral e) {
            diagnostics.error(at, e.getMessage());
            return new RawNode.Scalar("", "", at, at);
        }
    }

    private RawNode plain(ParserRuleContext ctx) {
        return new RawNode.Scalar(ctx.getText(), ctx.getText(), span(ctx), span(ctx));
    }

    private SourceSpan span(ParserRuleContext ctx) {
        return expressions.span(ctx);
    }

    private SourceSpan span(Token token) {
        return expressions.span(token);
    }
}
