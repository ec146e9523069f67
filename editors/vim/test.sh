#!/usr/bin/env bash
# Checks editors/vim/syntax/vmlock.vim in a real Vim: the groups it gives known places of
# examples/classic/abba.vmlock. Prints what it found; exits 1 on a mismatch, 2 without vim.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
command -v vim >/dev/null 2>&1 || { echo "vim-syntax: no vim on PATH" >&2; exit 2; }
out=$(mktemp)
# line:col -> the group wanted there
checks=("1:1 vmlockLineComment" "9:1 vmlockType" "12:1 vmlockDeclaration" "13:5 vmlockCall" "26:1 vmlockDeclaration")
cmds=()
for c in "${checks[@]}"; do
  pos=${c%% *}; cmds+=(-c "redir >> $out | echo '$pos ' . synIDattr(synID(${pos%%:*},${pos##*:},1),'name') | redir END")
done
vim -u NONE -N -es -c "set rtp^=$here" -c 'filetype on' -c 'syntax on' -c "e $root/examples/classic/abba.vmlock" "${cmds[@]}" -c 'q!'
failed=0
for c in "${checks[@]}"; do
  pos=${c%% *}; want=${c#* }
  got=$(grep "^$pos " "$out" | awk '{print $2}')
  if [ "$got" != "$want" ]; then echo "vim-syntax: abba.vmlock:$pos is '${got}', want $want"; failed=1; fi
done
rm -f "$out"
[ "$failed" -eq 0 ] && echo "vim-syntax: ${#checks[@]} places of abba.vmlock highlighted as expected"
exit "$failed"
