package dev.runbook.syntax;

import dev.runbook.ast.SourceSpan;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Syntax errors of expressions, as a table of input → position and exact message (as Trino tests its parser). */
class SyntaxErrorTableTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            status ==                 | 1:10 | unexpected end of input; expected an expression
            status == == 200          | 1:11 | unexpected '=='; expected an expression
            (status == 200            | 1:15 | missing ')' before end of input
            [1, 2                     | 1:6  | unexpected end of input; expected ']' or ','
            a ? b                     | 1:6  | unexpected end of input; expected an operator or ':'
            'abc                      | 1:1  | unterminated string: the ' opened here is never closed on this line (use \"\"\" for text over several lines)
            size(body) @ 2            | 1:12 | unexpected character '@'; expected an operator, ')' or ','
            has(body)                 | 1:5  | has() needs a field selection such as has(body.status)
            x.all(1, true)            | 1:7  | the first argument of all() must be a simple name
            9223372036854775808       | 1:1  | integer literal 9223372036854775808 is out of the int64 range
            if                        | 1:1  | 'if' is a reserved word and cannot name a value
            '\\q'                     | 1:1  | this string holds an escape sequence that is not valid (the valid ones: \\n \\t \\r \\\\ \\" \\' \\xHH \\uHHHH \\UHHHHHHHH \\ooo; or write r"..." for a raw string)
            a.?b                      | 1:3  | optional field selection (.?) is not supported
            """)
    void expressionSyntaxErrorsSayWhatWasExpected(String input, String position, String message) {
        Diagnostics diagnostics = new Diagnostics();
        assertNull(Expressions.parse(input, SourceSpan.at("e", 1, 1), diagnostics));
        Diagnostic first = diagnostics.all().get(0);
        assertEquals(position + " | " + message, first.span().line() + ":" + first.span().column() + " | " + first.message());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            runbook a.b "T" { step x { log "hi" }                      | 1:38 | unexpected end of input; expected a runbook item (title, owner, param, secret, database, defaults, step, finally) or '}'
            runbook a.b "T" { stepp x { } }                            | 1:19 | unexpected name 'stepp'; expected a runbook item (title, owner, param, secret, database, defaults, step, finally) or '}'
            runbook a.b "T" { owner Ops }                              | 1:25 | unexpected name 'Ops'; expected a string
            runbook a.b "T" { step x { expect } }                      | 1:35 | unexpected '}'; expected an expression
            runbook a.b "T" { step x { capture y z } }                 | 1:38 | missing '=' before name 'z'
            runbook a.b "T" } }                                        | 1:17 | missing '{' before '}'
            """)
    void dslSyntaxErrorsSayWhatWasExpected(String input, String position, String message) {
        Diagnostics diagnostics = new Diagnostics();
        assertNull(DslReader.read(new SourceFile("t.runbook", input), diagnostics, dev.runbook.stdlib.ActionKinds.standard()));
        Diagnostic first = diagnostics.all().get(0);
        assertEquals(position + " | " + message, first.span().line() + ":" + first.span().column() + " | " + first.message());
    }
}
