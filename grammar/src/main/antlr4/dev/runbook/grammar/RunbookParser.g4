/*
 * The parser of the runbook language. Three entry points share one expression grammar:
 *   runbookFile      a whole runbook in the DSL form (.runbook)
 *   expressionInput  one CEL expression (YAML `expect:`, `when:`, `runbook eval`, ...)
 *   templateInput    a string with ${...} interpolations (lexer started in TEMPLATE mode)
 * No actions: dev.runbook.syntax builds the model from the tree. The expression rules follow cel-spec's
 * CEL.g4 (operators, precedence, macros as calls); message construction is left out (proto-free).
 */
parser grammar RunbookParser;

options { tokenVocab = RunbookLexer; }

// ===================================================================== entry points
runbookFile     : RUNBOOK runbookId title=STRING? LBRACE runbookItem* RBRACE EOF ;
expressionInput : expr EOF ;
templateInput   : templatePart* EOF ;

templatePart
  : TEMPLATE_TEXT               # templateText
  | TEMPLATE_ESCAPE             # templateEscape
  | TEMPLATE_OPEN expr RBRACE   # templateInterpolation
  ;

// ===================================================================== the DSL form
// A runbook id such as permit-school.morning-health-check; the builder checks that the parts touch.
runbookId : idPart+ ;
idPart    : ident | NUM_INT | NUM_UINT | NUM_FLOAT | DURATION | MINUS | DOT | IN | CST_TRUE | CST_FALSE | NUL ;

runbookItem
  : TITLE STRING                                                             # runbookTitle
  | DESCRIPTION STRING                                                       # runbookDescription
  | OWNER STRING                                                             # runbookOwner
  | SCHEDULE STRING                                                          # runbookSchedule
  | TAGS STRING (COMMA STRING)*                                              # runbookTags
  | PARAM name=ident (COLON type=ident)? (ASSIGN value=expr)? settings?      # runbookParam
  | ENVIRONMENT name=ident LBRACE assignment* RBRACE                         # runbookEnvironment
  | SECRET name=ident FROM ENV variable=ident                                # runbookSecret
  | DATABASE name=ident ASSIGN url=expr                                      # runbookDatabase
  | DEFAULTS LBRACE defaultsItem* RBRACE                                     # runbookDefaults
  | step                                                                     # runbookStep
  | FINALLY LBRACE step* RBRACE                                              # runbookFinally
  ;

assignment   : name=ident ASSIGN value=expr ;
settings     : LBRACE setting* RBRACE ;
setting      : key=ident value=expr ;

defaultsItem
  : TIMEOUT value=expr          # defaultTimeout
  | ON_FAILURE choice=ident     # defaultOnFailure
  | kind=kindName settings      # defaultKind
  ;

step : STEP id=ident title=STRING? (SEVERITY severity=ident)? LBRACE stepItem* RBRACE ;

stepItem
  : TITLE STRING                                                    # stepTitle
  | DESCRIPTION STRING                                              # stepDescription
  | HINT STRING                                                     # stepHint
  | WHEN expr                                                       # stepWhen
  | EXPECT expr                                                     # stepExpect
  | CAPTURE name=ident ASSIGN value=expr                            # stepCapture
  | TIMEOUT expr                                                    # stepTimeout
  | RETRY retryOption+                                              # stepRetry
  | FOR_EACH items=expr (AS name=ident)? (PARALLEL parallel=expr)?  # stepForEach
  | ON_FAILURE choice=ident                                         # stepOnFailure
  | ROLLBACK LBRACE action RBRACE                                   # stepRollback
  | SEVERITY level=ident                                            # stepSeverity
  | EFFECTS effect=ident                                            # stepEffects
  | action                                                          # stepAction
  ;

retryOption
  : ATTEMPTS expr   # retryAttempts
  | INTERVAL expr   # retryInterval
  | BACKOFF expr    # retryBackoff
  | UNTIL expr      # retryUntil
  ;

action
  : method=HTTP_METHOD url=expr settings?                                           # httpVerbAction
  | SQL db=ident query=expr settings?                                               # sqlAction
  | WAIT UNTIL condition=expr (EVERY every=expr)? (TIMEOUT limit=expr)?             # waitUntilAction
  | APPROVE prompt=expr (BY approvers+=expr (COMMA approvers+=expr)*)? settings?    # approveAction
  | kind=kindName shorthand=expr? settings?                                         # genericAction
  ;

// Action kinds are open (a jar may add one), so any plain identifier names a kind; the builder checks it.
kindName : IDENTIFIER | SQL | WAIT | APPROVE ;

// ===================================================================== CEL expressions
expr           : e=conditionalOr (op=QUESTIONMARK e1=conditionalOr COLON e2=expr)? ;
conditionalOr  : e=conditionalAnd (ops+=LOGICAL_OR e1+=conditionalAnd)* ;
conditionalAnd : e=relation (ops+=LOGICAL_AND e1+=relation)* ;

relation
  : calc
  | relation op=(LESS | LESS_EQUALS | GREATER_EQUALS | GREATER | EQUALS | NOT_EQUALS | IN) relation
  ;

calc
  : unary
  | calc op=(STAR | SLASH | PERCENT) calc
  | calc op=(PLUS | MINUS) calc
  ;

unary
  : member                    # memberExpr
  | (ops+=EXCLAM)+ member     # logicalNot
  | (ops+=MINUS)+ member      # negate
  ;

member
  : primary                                                      # primaryExpr
  | member op=DOT (opt=QUESTIONMARK)? id=escapeIdent             # select
  | member op=DOT id=ident open=LPAREN args=exprList? RPAREN     # memberCall
  | member op=LBRACKET (opt=QUESTIONMARK)? index=expr RBRACKET   # index
  ;

primary
  : leadingDot=DOT? id=ident (op=LPAREN args=exprList? RPAREN)?      # identOrGlobalCall
  | LPAREN e=expr RPAREN                                              # nested
  | op=LBRACKET elems=listInit? COMMA? RBRACKET                       # createList
  | op=LBRACE entries=mapInitializerList? COMMA? RBRACE               # createMap
  | literal                                                           # constantLiteral
  ;

exprList           : e+=expr (COMMA e+=expr)* ;
listInit           : elems+=optExpr (COMMA elems+=optExpr)* ;
optExpr            : (opt=QUESTIONMARK)? e=expr ;
mapInitializerList : keys+=optExpr cols+=COLON values+=expr (COMMA keys+=optExpr cols+=COLON values+=expr)* ;
escapeIdent        : ident | ESC_IDENTIFIER ;

literal
  : sign=MINUS? tok=NUM_INT     # intLiteral
  | tok=NUM_UINT                # uintLiteral
  | sign=MINUS? tok=NUM_FLOAT   # doubleLiteral
  | sign=MINUS? tok=DURATION    # durationLiteral
  | tok=STRING                  # stringLiteral
  | tok=BYTES                   # bytesLiteral
  | tok=CST_TRUE                # boolTrue
  | tok=CST_FALSE               # boolFalse
  | tok=NUL                     # nullLiteral
  ;

// DSL keywords stay usable as names inside expressions (steps.wait.status, body.title, env.HOME).
ident
  : IDENTIFIER
  | RUNBOOK | TITLE | DESCRIPTION | HINT | OWNER | SCHEDULE | TAGS | PARAM | ENVIRONMENT | SECRET | FROM | ENV
  | DATABASE | DEFAULTS | STEP | FINALLY | WHEN | EXPECT | CAPTURE | TIMEOUT | RETRY | ATTEMPTS | INTERVAL
  | BACKOFF | UNTIL | FOR_EACH | AS | PARALLEL | ON_FAILURE | ROLLBACK | SEVERITY | EFFECTS | SQL | WAIT
  | EVERY | APPROVE | BY | HTTP_METHOD
  ;
