// The .vmlock language: lock scenarios for Linux VM/filesystem locking, in kernel vocabulary.
// Builtin operations (mutex_lock, down_read, jbd2_journal_start, alloc, copy_from_user, ...) are
// ordinary calls here; the front end recognises them by name, so the grammar stays small and a
// new builtin needs no grammar change.
grammar VmLock;

file : item* EOF ;

item
    : importDecl
    | setDecl
    | objectDecl
    | varDecl
    | currentDecl
    | constDecl
    | mappingDecl
    | reclaimDecl
    | workqueueDecl
    | workDecl
    | procDecl
    | defaultHookDecl
    | threadDecl
    | interruptDecl
    | orderDecl
    | invariantDecl
    | initDecl
    | expectDecl
    ;

importDecl    : IMPORT STRING ';' ;
setDecl       : SET name=ID '{' ID (',' ID)* ','? '}' ';'? ;
// mutex sb_lock;   mutex page_lock[page];   completion done;
objectDecl    : objectKind name=ID ('[' set=ID ']')? ';' ;
objectKind    : MUTEX | SPINLOCK | RWSEM | JOURNAL | COMPLETION | PERCPU_RWSEM | BIT_SPINLOCK | PERCPU_REF | SEQLOCK | SEQCOUNT | LOCKDEP_MAP | BIT_LOCK ;
// int(0..4) dirty = 0;   bool writeback[page];
varDecl       : varType name=ID ('[' set=ID ']')? ('=' init=expr)? ';' ;
// current int(0..2) journal_info = 0;   a field of every task, read and written as current->journal_info
// ('current' is not a keyword: models name tasks 'current' too; the predicate keeps any other name
// at the start of an item an error at that name, as before)
currentDecl   : {_input.LT(1).getText().equals("current")}? owner=ID varDecl ;
varType       : INT_T '(' lo=expr '..' hi=expr ')' | BOOL_T ;
constDecl     : CONST (INT_T | BOOL_T)? name=ID '=' value=expr ';' ;
// mapping dax_buf { fault = dax_fault_sync(P0); }
mappingDecl   : MAPPING name=ID '{' mappingAttr* '}' ';'? ;
mappingAttr   : key=ID '=' target=ID '(' args? ')' ';' ;
// reclaim __GFP_FS pageout_shared_mapping();
reclaimDecl   : RECLAIM (needs=ID)? target=ID '(' args? ')' ';' ;
// workqueue events;   ordered_workqueue log_wq;   (alloc_workqueue, alloc_ordered_workqueue)
// ordered_workqueue rsv_wq_of[sb];   one workqueue per member of the set
workqueueDecl : (WORKQUEUE | ordered=ORDERED_WORKQUEUE) name=ID ('[' set=ID ']')? ';' ;
// work dev_work = dev_work_fn(D0) on events;   a work_struct, its function and the workqueue it is queued on
// ('work' is not a keyword, as 'current' is not: models name locks 'work')
// work io_work_of[inode] = io_work_fn(inode) on io_wq_of[inode];   one work item per member: the
// set's name stands for the member in the arguments and in the workqueue's index
workDecl      : {_input.LT(1).getText().equals("work")}? ID name=ID ('[' set=ID ']')? '=' target=ID '(' args? ')'
                ON wq=ID ('[' wqIndex=expr ']')? ';' ;
// proc writepage(page p) { ... }   bool inode_trylock(inode i) { return down_write_trylock(i_rwsem[i]); }
// int vm_ops_fault(page p, bool write);   a hook: declared without a body, defined by another file
procDecl      : (PROC | result=(BOOL_T | INT_T)) name=ID '(' (param (',' param)*)? ')' (block | ';') ;
// default int vm_ops_pfn_mkwrite(page p) { return 0; }   a hook with the body it has when no other
// file defines it (a NULL vm_operations_struct method); 'default' is contextual, as 'work' is
defaultHookDecl : {_input.LT(1).getText().equals("default")}? ID (PROC | result=(BOOL_T | INT_T)) name=ID '(' (param (',' param)*)? ')' block ;
param         : type=paramType name=ID ;
paramType     : objectKind | INT_T | BOOL_T | MAPPING | ID ;
threadDecl    : DAEMON? THREAD name=ID ('[' count=INT ']')? block ;
// interrupt timer on t { ... }   softirq net_rx on t { ... } ('softirq' is not a keyword: models name locks so)
interruptDecl : (INTERRUPT | {_input.LT(1).getText().equals("softirq")}? soft=ID) name=ID (ON ID (',' ID)*)? block ;
orderDecl     : ORDER ID ('<' ID)+ ';' ;
invariantDecl : INVARIANT expr ';' ;
// init { PageDirty[P0] = true; foreach (p in page) { pte_present[p] = true; } }
initDecl      : INIT block ;
expectDecl    : EXPECT expectItem (',' expectItem)* ';' ;
expectItem    : NOT? verdictWord ('-' verdictWord)* ;
// verdict ids contain keywords: sleep-in-atomic, unlock-not-held, order-violation
verdictWord   : ID | IN | NOT | ORDER ;

block : '{' stmt* '}' ;

stmt
    : varDecl                                                   # localVarStmt
    | IF '(' cond=expr ')' then=block (ELSE (otherwise=block | elif=stmt))?  # ifStmt
    | EITHER block (OR block)+                                  # eitherStmt
    | WHILE '(' cond=expr ')' block                             # whileStmt
    | REPEAT '(' count=expr ')' block                           # repeatStmt
    | FOREACH '(' var=ID IN set=ID ')' block                    # foreachStmt
    | RETURN value=expr? ';'                                    # returnStmt
    | BREAK ';'                                                 # breakStmt
    | CONTINUE ';'                                              # continueStmt
    | target=lvalue op=('=' | '+=' | '-=') value=expr ';'       # assignStmt
    | target=lvalue op=('++' | '--') ';'                        # incrementStmt
    | name=ID '(' args? ')' ';'                                 # callStmt
    | block                                                     # blockStmt
    | ';'                                                       # emptyStmt
    ;

lvalue : (owner=ID '->')? name=ID ('[' index=expr ']')? ;

args : expr (',' expr)* ;

expr
    : INT                                                   # intLit
    | (TRUE | FALSE)                                        # boolLit
    | owner=ID '->' name=ID ('[' index=expr ']')?           # currentExpr
    | name=ID '(' args? ')'                                 # callExpr
    | name=ID '[' index=expr ']'                            # indexExpr
    | name=ID                                               # nameExpr
    | '(' expr ')'                                          # parenExpr
    | op=('!' | '-') expr                                   # unaryExpr
    | left=expr op=('*' | '/' | '%') right=expr             # binaryExpr
    | left=expr op=('+' | '-') right=expr                   # binaryExpr
    | left=expr op=('<' | '<=' | '>' | '>=') right=expr     # binaryExpr
    | left=expr op=('==' | '!=') right=expr                 # binaryExpr
    | left=expr op='&&' right=expr                          # binaryExpr
    | left=expr op='||' right=expr                          # binaryExpr
    // a GFP mask: GFP_KERNEL | __GFP_NOLOCKDEP, GFP_KERNEL & ~__GFP_FS (only an allocation's argument)
    | left=expr '&' '~' right=expr                          # clearFlagsExpr
    | left=expr '|' right=expr                              # flagsExpr
    ;

IMPORT     : 'import' ;
SET        : 'set' ;
MUTEX      : 'mutex' ;
SPINLOCK   : 'spinlock' ;
RWSEM      : 'rwsem' ;
JOURNAL    : 'journal' ;
COMPLETION : 'completion' ;
PERCPU_RWSEM : 'percpu_rwsem' ;
BIT_SPINLOCK : 'bit_spinlock' ;
BIT_LOCK     : 'bit_lock' ;
PERCPU_REF   : 'percpu_ref' ;
LOCKDEP_MAP : 'lockdep_map' ;
SEQLOCK      : 'seqlock' ;
SEQCOUNT     : 'seqcount' ;
INT_T      : 'int' ;
BOOL_T     : 'bool' ;
CONST      : 'const' ;
MAPPING    : 'mapping' ;
RECLAIM    : 'reclaim' ;
WORKQUEUE  : 'workqueue' ;
ORDERED_WORKQUEUE : 'ordered_workqueue' ;
PROC       : 'proc' ;
DAEMON     : 'daemon' ;
THREAD     : 'thread' ;
INTERRUPT  : 'interrupt' ;
ON         : 'on' ;
ORDER      : 'order' ;
INVARIANT  : 'invariant' ;
INIT       : 'init' ;
EXPECT     : 'expect' ;
NOT        : 'not' ;
IF         : 'if' ;
ELSE       : 'else' ;
EITHER     : 'either' ;
OR         : 'or' ;
WHILE      : 'while' ;
REPEAT     : 'repeat' ;
FOREACH    : 'foreach' ;
IN         : 'in' ;
RETURN     : 'return' ;
BREAK      : 'break' ;
CONTINUE   : 'continue' ;
TRUE       : 'true' ;
FALSE      : 'false' ;

ID      : [a-zA-Z_] [a-zA-Z_0-9]* ;
INT     : [0-9]+ ;
STRING  : '"' (~["\\\r\n] | '\\' .)* '"' ;

LINE_COMMENT  : '//' ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
WS            : [ \t\r\n\f]+ -> skip ;
// Any other character becomes a token the parser rejects, so the lexer never fails silently.
ERROR_CHAR    : . ;
