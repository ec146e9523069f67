// Tokenizes every .vmlock file of the repository (examples/, models/) with the TextMate grammar,
// as VS Code does (vscode-textmate + vscode-oniguruma), and fails on any file that ends inside an
// unclosed region (a comment or string the grammar never closes) or yields an `invalid` token;
// then checks the scopes of a known file, and that the check catches an unclosed region.
//   cd editors/vscode && npm ci && npm test
'use strict';
const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const root = path.resolve(__dirname, '..', '..', '..');
const wasm = fs.readFileSync(path.join(path.dirname(require.resolve('vscode-oniguruma')), 'onig.wasm')).buffer;

function vmlockFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...vmlockFiles(p));
    else if (entry.name.endsWith('.vmlock')) out.push(p);
  }
  return out.sort();
}

/** Tokens of a text, line by line, and the rule stack left after its last line. */
function tokenize(grammar, text) {
  let stack = vsctm.INITIAL;
  const lines = [];
  for (const line of text.split(/\r?\n/)) {
    const r = grammar.tokenizeLine(line, stack);
    lines.push(r.tokens.map(t => ({ text: line.substring(t.startIndex, t.endIndex), scopes: t.scopes })));
    stack = r.ruleStack;
  }
  // the stack at the top level, as any line that opens nothing leaves it
  const top = grammar.tokenizeLine('', vsctm.INITIAL).ruleStack;
  return { lines, closed: stack.equals(top) };
}

async function main() {
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: sources => new oniguruma.OnigScanner(sources),
      createOnigString: s => new oniguruma.OnigString(s),
    }),
    loadGrammar: async () => vsctm.parseRawGrammar(
      fs.readFileSync(path.join(__dirname, '..', 'syntaxes', 'vmlock.tmLanguage.json'), 'utf8'), 'vmlock.tmLanguage.json'),
  });
  const grammar = await registry.loadGrammar('source.vmlock');
  const failures = [];

  const files = [...vmlockFiles(path.join(root, 'examples')), ...vmlockFiles(path.join(root, 'models'))];
  for (const file of files) {
    const { lines, closed } = tokenize(grammar, fs.readFileSync(file, 'utf8'));
    if (!closed) failures.push(`${path.relative(root, file)}: ends inside an unclosed region`);
    lines.forEach((tokens, i) => tokens.forEach(t => {
      if (t.scopes.some(s => s.startsWith('invalid'))) failures.push(`${path.relative(root, file)}:${i + 1}: invalid token '${t.text}'`);
    }));
  }

  // scopes of a known file: the grammar must say what things are, not only close its regions
  const abba = tokenize(grammar, fs.readFileSync(path.join(root, 'examples/classic/abba.vmlock'), 'utf8')).lines;
  const scopeOf = (text) => {
    for (const tokens of abba) for (const t of tokens) if (t.text === text) return t.scopes.join(' ');
    return '(not found)';
  };
  const want = {
    'mutex': 'storage.type.lock.vmlock',
    'inode_a': 'variable.other.lock.vmlock',
    'rename_ab': 'entity.name.type.vmlock',
    'mutex_lock': 'entity.name.function.call.vmlock',
    'expect': 'keyword.declaration.vmlock',
    '// The classic ABBA deadlock: two threads take the same two locks in opposite orders.': 'comment.line.double-slash.vmlock',
  };
  for (const [text, scope] of Object.entries(want)) {
    if (!scopeOf(text).includes(scope)) failures.push(`abba.vmlock: '${text}' is ${scopeOf(text)}, want ${scope}`);
  }

  // the check itself: an unclosed block comment must be caught
  if (tokenize(grammar, 'mutex m; /* never closed\nthread t { }\n').closed) failures.push('an unclosed /* was not detected');

  if (failures.length) {
    console.error(failures.join('\n'));
    console.error(`${failures.length} problem(s) in ${files.length} files`);
    process.exit(1);
  }
  console.log(`tokenized ${files.length} .vmlock files: every region closed, no invalid token, scopes as expected`);
}

main().catch(e => { console.error(e); process.exit(1); });
