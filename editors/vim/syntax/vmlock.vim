" Vim syntax file
" Language: vmlock (lock-order scenarios for the Linux kernel; see the README)
" Install: copy (or symlink) editors/vim/syntax and editors/vim/ftdetect into ~/.vim/
if exists("b:current_syntax")
  finish
endif

syn keyword vmlockControl     if else while foreach in repeat either or break continue return
syn keyword vmlockDeclaration import set const mapping reclaim order invariant init expect on not proc thread daemon interrupt
syn keyword vmlockType        bool int void mutex spinlock rwsem journal completion percpu_rwsem percpu_ref seqcount seqlock lockdep_map bit_spinlock bit_lock workqueue ordered_workqueue work thread_local
syn keyword vmlockBoolean     true false
syn match   vmlockGfp         "\<_\{0,2}GFP_[A-Z_]\+\>"
syn match   vmlockNumber      "\<[0-9]\+\>"
syn match   vmlockCall        "\<[A-Za-z_][A-Za-z0-9_]*\ze\s*("
syn region  vmlockString      start=+"+ skip=+\\.+ end=+"+ oneline
syn match   vmlockLineComment "//.*$" contains=@Spell
syn region  vmlockBlockComment start="/\*" end="\*/" contains=@Spell

hi def link vmlockControl      Conditional
hi def link vmlockDeclaration  Keyword
hi def link vmlockType         Type
hi def link vmlockBoolean      Boolean
hi def link vmlockGfp          Constant
hi def link vmlockNumber       Number
hi def link vmlockCall         Function
hi def link vmlockString       String
hi def link vmlockLineComment  Comment
hi def link vmlockBlockComment Comment

let b:current_syntax = "vmlock"
