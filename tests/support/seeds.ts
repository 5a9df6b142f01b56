import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const seedsDir = path.resolve(repoRoot, '../shared/seeds');

export function readSeed(name: string): string {
  return readFileSync(path.join(seedsDir, name), 'utf8');
}

/** Seed 000 holds the prompt, then the example answer starting at its TITLE: line. */
export function seedExampleAnswer(): string {
  const seed = readSeed('000_0617b34071dd0a86.txt');
  return seed.slice(seed.indexOf('\nTITLE: A Comprehensive') + 1);
}

/**
 * `content.rendered` of a stored REST post. Seed 002 is not valid JSON (raw newlines, no closing
 * brace), so this reads the string by hand; the plain-text seeds come back as they are.
 */
export function seedPostHtml(name: string): string {
  const seed = readSeed(name);
  const start = seed.indexOf('"content":{"rendered":"');
  if (start === -1) return seed;
  const from = start + '"content":{"rendered":"'.length;
  const end = seed.indexOf('","protected"', from);
  const raw = seed.slice(from, end === -1 ? undefined : end);
  return raw.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, escape: string) => {
    if (escape.startsWith('u') && escape.length === 5) return String.fromCharCode(parseInt(escape.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r', '/': '/', '"': '"', '\\': '\\' } as Record<string, string>)[escape] ?? escape;
  });
}
