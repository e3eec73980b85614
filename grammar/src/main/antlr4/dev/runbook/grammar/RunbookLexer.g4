/*
 * The lexer of the runbook language: the DSL form, CEL expressions (cel-spec's CEL.g4 token set plus the
 * duration-literal extension) and ${} templates.
 *
 * Braces push and pop the default mode so that the `}` closing a `${ ... }` interpolation (and only that one)
 * returns to TEMPLATE mode: a template is lexed by starting in TEMPLATE mode, an expression or a DSL file in
 * the default mode. Lexer commands only; no embedded actions.
 */
lexer grammar RunbookLexer;

// ---- DSL keywords (also usable as identifiers in expressions, see RunbookParser.ident)
RUNBOOK      : 'runbook' ;
TITLE        : 'title' ;
DESCRIPTION  : 'description' ;
HINT         : 'hint' ;
OWNER        : 'owner' ;
SCHEDULE     : 'schedule' ;
TAGS         : 'tags' ;
PARAM        : 'param' ;
ENVIRONMENT  : 'environment' ;
SECRET       : 'secret' ;
FROM         : 'from' ;
ENV          : 'env' ;
DATABASE     : 'database' ;
DEFAULTS     : 'defaults' ;
STEP         : 'step' ;
FINALLY      : 'finally' ;
WHEN         : 'when' ;
EXPECT       : 'expect' ;
CAPTURE      : 'capture' ;
TIMEOUT      : 'timeout' ;
RETRY        : 'retry' ;
ATTEMPTS     : 'attempts' ;
INTERVAL     : 'interval' ;
BACKOFF      : 'backoff' ;
UNTIL        : 'until' ;
FOR_EACH     : 'for_each' ;
AS           : 'as' ;
PARALLEL     : 'parallel' ;
ON_FAILURE   : 'on_failure' ;
ROLLBACK     : 'rollback' ;
SEVERITY     : 'severity' ;
EFFECTS      : 'effects' ;
SQL          : 'sql' ;
WAIT         : 'wait' ;
EVERY        : 'every' ;
APPROVE      : 'approve' ;
BY           : 'by' ;
HTTP_METHOD  : 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' ;

// ---- CEL operators and punctuation
EQUALS         : '==' ;
NOT_EQUALS     : '!=' ;
IN             : 'in' ;
LESS           : '<' ;
LESS_EQUALS    : '<=' ;
GREATER_EQUALS : '>=' ;
GREATER        : '>' ;
LOGICAL_AND    : '&&' ;
LOGICAL_OR     : '||' ;
LBRACKET       : '[' ;
RBRACKET       : ']' ;
LBRACE         : '{' -> pushMode(DEFAULT_MODE) ;
RBRACE         : '}' -> popMode ;
LPAREN         : '(' ;
RPAREN         : ')' ;
DOT            : '.' ;
COMMA          : ',' ;
MINUS          : '-' ;
EXCLAM         : '!' ;
QUESTIONMARK   : '?' ;
COLON          : ':' ;
PLUS           : '+' ;
STAR           : '*' ;
SLASH          : '/' ;
PERCENT        : '%' ;
ASSIGN         : '=' ;
CST_TRUE       : 'true' ;
CST_FALSE      : 'false' ;
NUL            : 'null' ;

WHITESPACE : [ \t\r\n\f]+ -> skip ;
COMMENT    : ('//' | '#') ~[\r\n]* -> skip ;

// ---- literals
DURATION  : (DIGIT+ ('.' DIGIT+)? DURATION_UNIT)+ ;
NUM_FLOAT : DIGIT+ '.' DIGIT+ EXPONENT? | DIGIT+ EXPONENT | '.' DIGIT+ EXPONENT? ;
NUM_INT   : DIGIT+ | '0x' HEXDIGIT+ ;
NUM_UINT  : DIGIT+ [uU] | '0x' HEXDIGIT+ [uU] ;

STRING
  : '"' (ESC_SEQ | ~[\\"\n\r])* '"'
  | '\'' (ESC_SEQ | ~[\\'\n\r])* '\''
  | '"""' (ESC_SEQ | ~'\\')*? '"""'
  | '\'\'\'' (ESC_SEQ | ~'\\')*? '\'\'\''
  | RAW '"' ~["\n\r]* '"'
  | RAW '\'' ~['\n\r]* '\''
  | RAW '"""' .*? '"""'
  | RAW '\'\'\'' .*? '\'\'\''
  ;
BYTES : [bB] STRING ;

IDENTIFIER     : (LETTER | '_') (LETTER | DIGIT | '_')* ;
ESC_IDENTIFIER : '`' (LETTER | DIGIT | [_./ -])+ '`' ;

// Anything else becomes a token of its own so that the parser, not the lexer, reports it with its position.
UNEXPECTED_CHARACTER : . ;

fragment DURATION_UNIT : 'ns' | 'us' | '\u00b5s' | 'ms' | 's' | 'm' | 'h' ;
fragment LETTER   : [A-Za-z] ;
fragment DIGIT    : [0-9] ;
fragment HEXDIGIT : [0-9a-fA-F] ;
fragment EXPONENT : [eE] [+-]? DIGIT+ ;
fragment RAW      : [rR] ;
fragment ESC_SEQ  : ESC_CHAR_SEQ | ESC_BYTE_SEQ | ESC_UNI_SEQ | ESC_OCT_SEQ ;
fragment ESC_CHAR_SEQ : '\\' [abfnrtv"'\\?`] ;
fragment ESC_OCT_SEQ  : '\\' [0-3] [0-7] [0-7] ;
fragment ESC_BYTE_SEQ : '\\' [xX] HEXDIGIT HEXDIGIT ;
fragment ESC_UNI_SEQ  : '\\u' HEXDIGIT HEXDIGIT HEXDIGIT HEXDIGIT | '\\U' HEXDIGIT HEXDIGIT HEXDIGIT HEXDIGIT HEXDIGIT HEXDIGIT HEXDIGIT HEXDIGIT ;

// ---- inside a template string: literal text, `$${` (a literal "${"), or `${` opening an expression
mode TEMPLATE;
TEMPLATE_ESCAPE : '$${' ;
TEMPLATE_OPEN   : '${' -> pushMode(DEFAULT_MODE) ;
TEMPLATE_TEXT   : ~'$'+ | '$' ;
