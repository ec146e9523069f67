" vmlock scenarios: *.vmlock
autocmd BufRead,BufNewFile *.vmlock setfiletype vmlock
