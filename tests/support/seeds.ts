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
