/**
 * Reads a PowerShell script with a real PowerShell grammar (tree-sitter-powershell's WebAssembly
 * build through web-tree-sitter: no native build, no PowerShell needed) and lists why it is not
 * read-only by construction. Read-only means:
 *  - it parses without a syntax error;
 *  - every command and function name is Verb-Noun with a verb of Get, Test, Select, Where,
 *    Format, ConvertTo or Out (Set-, Enable-, New-, Remove-, Import-, Restart-, Invoke-, Export-,
 *    Add-, Write-, Start-, Stop- ... are refused, as is a command given by a variable or `&`);
 *  - every .NET method it calls is one of a few that only read (ToString, ToUniversalTime,
 *    IsNullOrEmpty), so no store's Add/Remove, no Export, no Delete;
 *  - it redirects nothing into files (Out-File of $OutFile is its only write);
 *  - it never names a private key other than to read HasPrivateKey.
 */
import * as path from 'node:path';
import { Language, Parser, type Node } from 'web-tree-sitter';

export const READ_ONLY_VERBS = ['Get', 'Test', 'Select', 'Where', 'Format', 'ConvertTo', 'Out'];
const READ_ONLY_METHODS = new Set(['tostring', 'touniversaltime', 'isnullorempty']);

let parser: Promise<Parser> | undefined;

function powershellParser(): Promise<Parser> {
  parser ??= (async () => {
    await Parser.init();
    const wasm = path.join(path.dirname(require.resolve('tree-sitter-powershell/package.json')), 'tree-sitter-powershell.wasm');
    const language = await Language.load(wasm);
    const p = new Parser();
    p.setLanguage(language);
    return p;
  })();
  return parser;
}

function walk(node: Node, visit: (n: Node) => void): void {
  visit(node);
  for (const child of node.children) if (child) walk(child, visit);
}

const where = (n: Node) => `line ${n.startPosition.row + 1}`;

export interface ScriptCheck {
  syntaxErrors: string[];
  violations: string[];
  commands: string[];
}

export async function checkReadOnlyScript(source: string): Promise<ScriptCheck> {
  const tree = (await powershellParser()).parse(source);
  if (!tree) throw new Error('the PowerShell grammar returned no tree');
  const syntaxErrors: string[] = [];
  const violations: string[] = [];
  const commands = new Set<string>();
  walk(tree.rootNode, (n) => {
    if (n.type === 'ERROR' || n.isMissing)
      syntaxErrors.push(`${where(n)}: ${n.isMissing ? 'missing' : 'unexpected'} ${n.text.slice(0, 40)}`);
    if (n.type === 'command_name' || n.type === 'function_name') {
      const name = n.text;
      commands.add(name);
      const m = /^([A-Za-z]+)-[A-Za-z0-9]+$/.exec(name);
      if (!m) violations.push(`${where(n)}: "${name}" is not a Verb-Noun command`);
      else if (!READ_ONLY_VERBS.some((v) => v.toLowerCase() === m[1].toLowerCase()))
        violations.push(`${where(n)}: "${name}" uses the verb ${m[1]}, which may change state`);
    }
    if (n.type === 'command_invokation_operator') violations.push(`${where(n)}: "${n.text}" calls a command that is not written out`);
    if (n.type === 'invokation_expression') {
      const member = n.children.find((c) => c?.type === 'member_name');
      const name = member?.text ?? '';
      if (!READ_ONLY_METHODS.has(name.toLowerCase()))
        violations.push(`${where(n)}: the method ${name || n.text.slice(0, 40)} is not known to only read`);
    }
    if (n.type === 'redirection' || n.type === 'file_redirection_operator' || n.type === 'merging_redirection_operator')
      violations.push(`${where(n)}: redirection "${n.text}" writes outside the script's one output file`);
  });
  for (const [i, line] of source.split(/\r?\n/).entries()) {
    const code = line.replace(/#.*$/, '');
    if (/PrivateKey/i.test(code.replace(/HasPrivateKey/gi, ''))) violations.push(`line ${i + 1}: names a private key`);
    if (/\bExport|Pfx\b/i.test(code)) violations.push(`line ${i + 1}: exports something`);
  }
  return { syntaxErrors, violations, commands: [...commands] };
}
