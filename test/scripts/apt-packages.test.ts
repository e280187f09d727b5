import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The README's apt-get line and .ci/run's package list must name the same packages. */
describe('scripts/apt-packages.txt', () => {
  it('matches the apt-get line in the README', () => {
    const listed = readFileSync('scripts/apt-packages.txt', 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    const line = readFileSync('README.md', 'utf8').match(/apt-get install -y ([^\n`]+)/);
    expect(line, 'README has an apt-get install line').not.toBeNull();
    expect(line![1]!.trim().split(/\s+/).sort()).toEqual([...listed].sort());
  });
});
