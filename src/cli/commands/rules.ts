/**
 * `kqlwatch rules validate PATH...` checks Sentinel rule files (YAML or ARM JSON, folders searched): one line per
 * rule, `ok` or its errors and warnings with file:line, then the counts, the last line exactly `N valid, N invalid`;
 * exit code 1 when a rule is invalid. `kqlwatch rules import PAGE.txt [--out DIR]` turns a rule page copied from the
 * web into clean rule YAML and says what it chose or could not recover.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  formatRuleIssue, importRulePage, loadRuleYaml, validateRule, validateRules, type RuleIssue, type RuleReport,
} from '../../index.js';
import { parseOptions, UsageError, write, type Command } from '../command.js';

const help = `Usage: kqlwatch rules validate [--runnable] PATH...
       kqlwatch rules import PAGE.txt [--out DIR]

validate   check Sentinel analytics rules: YAML (.yaml/.yml, the Azure-Sentinel schema) or ARM JSON (.json);
           folders are searched. Prints one line per rule, 'ok' or its problems with file:line, then
           'N valid, N invalid'. Exit code 1 when any rule is invalid.
import     rebuild a rule from a web page copied as text (the YAML may have lost its indentation, the query
           may sit before it, prose around it); prints the YAML, or writes DIR/<rule-name>.yaml with --out.
           Exit code 1 when the page does not give a rule.

Options:
  --runnable     validate: also count as invalid the rules kqlwatch cannot run yet (RULE201, RULE202)
  --out DIR      import: write the rule file into DIR instead of printing it
  -h, --help     show this help
`;

export const rulesCommand: Command = {
  name: 'rules',
  summary: 'validate rule files; import a rule page copied from the web',
  help,
  async run(args) {
    const { values, positionals } = parseOptions('rules', args, {
      runnable: { type: 'boolean' },
      out: { type: 'string' },
    });
    if (values.help) {
      await write(help);
      return 0;
    }
    const [sub, ...paths] = positionals;
    if (sub === 'validate') {
      if (paths.length === 0) throw new UsageError(`give the rule files or folders to validate (see 'kqlwatch rules --help')`);
      if (values.out !== undefined) throw new UsageError(`--out belongs to 'rules import'`);
      return validate(paths, values.runnable ?? false);
    }
    if (sub === 'import') {
      if (paths.length !== 1) throw new UsageError(`give one page file to import (see 'kqlwatch rules --help')`);
      if (values.runnable) throw new UsageError(`--runnable belongs to 'rules validate'`);
      return importPage(paths[0]!, values.out);
    }
    throw new UsageError(sub === undefined ? `give a subcommand: validate or import (see 'kqlwatch rules --help')` : `unknown subcommand '${sub}': use validate or import`);
  },
};

async function validate(paths: readonly string[], requireRunnable: boolean): Promise<number> {
  const reports = validateRules(paths);
  let valid = 0;
  let warnings = 0;
  const notRunnable = new Map<string, number>();
  for (const r of reports) {
    const ok = requireRunnable ? r.runnable : r.valid;
    if (ok) valid++;
    warnings += r.issues.filter((i) => i.severity === 'warning').length;
    if (r.valid && !r.runnable) for (const c of new Set(r.issues.filter((i) => i.code.startsWith('RULE2')).map((i) => i.code))) notRunnable.set(c, (notRunnable.get(c) ?? 0) + 1);
    await write(reportLines(r, ok).join('\n') + '\n');
  }
  const cannot = reports.filter((r) => r.valid && !r.runnable).length;
  await write(`${warnings} warning${warnings === 1 ? '' : 's'}\n`);
  if (cannot > 0) {
    const parts = [...notRunnable].map(([code, n]) => `${n} ${code === 'RULE201' ? 'use a Sentinel feature kqlwatch lacks (RULE201)' : 'use a construct kqlwatch does not run yet (RULE202)'}`);
    await write(`${cannot} valid rule${cannot === 1 ? '' : 's'} kqlwatch cannot run yet: ${parts.join(', ')}\n`);
  }
  await write(`${valid} valid, ${reports.length - valid} invalid\n`);
  return valid === reports.length ? 0 : 1;
}

function reportLines(r: RuleReport, ok: boolean): string[] {
  const label = r.document?.format === 'arm' && r.rule ? `${r.file} (${r.rule.name || r.rule.id})` : r.file;
  const errors = r.issues.filter((i) => i.severity === 'error').length;
  const warnings = r.issues.length - errors;
  const counts = [errors ? `${errors} error${errors === 1 ? '' : 's'}` : '', warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : ''].filter(Boolean);
  const head = `${label}: ${ok ? 'ok' : r.valid ? 'not runnable' : 'invalid'}${counts.length ? ` (${counts.join(', ')})` : ''}`;
  return [head, ...r.issues.map((i) => '  ' + formatRuleIssue(i))];
}

async function importPage(page: string, out: string | undefined): Promise<number> {
  let text: string;
  try {
    text = readFileSync(page, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read the page '${page}': ${(e as Error).message}`);
  }
  const imported = importRulePage(text, page);
  const notes: RuleIssue[] = [...imported.issues];
  if (!imported.yaml || !imported.fields) {
    for (const i of notes) process.stderr.write(formatRuleIssue(i) + '\n');
    process.stderr.write(`kqlwatch: no rule recovered from '${page}'\n`);
    return 1;
  }
  const target = out === undefined ? '<stdout>' : join(out, `${slug(String(imported.fields.name ?? imported.fields.id))}.yaml`);
  // The rule as written must load and validate: its problems are reported against the new file.
  const loaded = loadRuleYaml(imported.yaml, target);
  const checks = loaded.rules.flatMap((l) => validateRule(l).issues).concat(loaded.issues);
  for (const i of [...notes, ...checks]) process.stderr.write(formatRuleIssue(i) + '\n');
  if (out === undefined) {
    await write(imported.yaml);
  } else {
    try {
      mkdirSync(out, { recursive: true });
      writeFileSync(target, imported.yaml);
    } catch (e) {
      throw new UsageError(`cannot write '${target}': ${(e as Error).message}`);
    }
    process.stderr.write(`wrote ${target}\n`);
  }
  return checks.some((i) => i.severity === 'error') ? 1 : 0;
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'rule';
}
