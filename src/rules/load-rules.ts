/**
 * loadRules(paths): every rule in the given files and folders (folders recursively; .yaml/.yml as Sentinel YAML,
 * .json as ARM), in path order. Unreadable paths become RULE001 issues, never exceptions.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { issue } from './issues.js';
import { loadRuleArm } from './load-arm.js';
import { loadRuleYaml, type LoadResult, type LoadedRule } from './load-yaml.js';
import type { RuleIssue } from './model.js';

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const TEST_FILE = /\.test\.ya?ml$/i;

export function loadRuleFile(file: string): LoadResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { rules: [], issues: [issue('error', 'RULE001', `cannot read the file: ${(e as Error).message}`, { file, line: 1 })] };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return extname(file).toLowerCase() === '.json' ? loadRuleArm(text, file) : loadRuleYaml(text, file);
}

/** The rule files under the paths: files as given, folders searched recursively, sorted. */
export function ruleFiles(paths: readonly string[]): { files: string[]; issues: RuleIssue[] } {
  const files: string[] = [];
  const issues: RuleIssue[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      // Rule tests (`x.test.yaml`) and their data and variants (`tests/`) live beside the rules but are not rules.
      if (statSync(p).isDirectory()) {
        if (name !== 'tests') walk(p);
      } else if (EXTENSIONS.has(extname(name).toLowerCase()) && !TEST_FILE.test(name)) files.push(p);
    }
  };
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      issues.push(issue('error', 'RULE001', `no such file or folder`, { file: p, line: 1 }));
      continue;
    }
    if (isDir) walk(p);
    else files.push(p);
  }
  return { files, issues };
}

export function loadRules(paths: readonly string[]): LoadResult {
  const found = ruleFiles(paths);
  const rules: LoadedRule[] = [];
  const issues: RuleIssue[] = [...found.issues];
  for (const file of found.files) {
    const r = loadRuleFile(file);
    rules.push(...r.rules);
    issues.push(...r.issues);
  }
  return { rules, issues };
}
