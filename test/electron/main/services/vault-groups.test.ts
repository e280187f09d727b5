import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VAULT_FILE } from '../../../../electron/main/services/vault-file';
import { totpAccount, useVaultSandbox } from '../../../support/use-sandbox';
import { outcome } from '../../../support/sandbox';

/** Renaming and dissolving a group in one place (issue #12) on a real vault file and the real keychain. */

const vs = useVaultSandbox();

async function seeded(extra: Parameters<typeof vs.make>[0] = {}) {
  const v = vs.make({ undoMs: 30_000, ...extra });
  const a = await v.add({ ...totpAccount('a'), tags: ['Work', 'Bank'] });
  const b = await v.add({ ...totpAccount('b'), tags: ['work'] });
  const c = await v.add({ ...totpAccount('c'), tags: ['Home'] });
  return { v, ids: [a.id, b.id, c.id] };
}

const tagsOf = async (v: Awaited<ReturnType<typeof seeded>>['v']) =>
  (await v.list()).map((a) => a.tags);

describe('vault groups', () => {
  it('lists groups once each (first spelling), with their account counts', async () => {
    const { v } = await seeded();
    expect(await v.groups()).toEqual([
      { name: 'Work', count: 2 },
      { name: 'Bank', count: 1 },
      { name: 'Home', count: 1 },
    ]);
  });

  it('renames on every account in one write, keeps position, survives a reopen, and undoes', async () => {
    const { v } = await seeded();
    const r = await v.renameGroup('WORK', '  Office ');
    expect(r.changed).toBe(2);
    expect(await tagsOf(v)).toEqual([['Office', 'Bank'], ['Office'], ['Home']]);
    expect(await tagsOf(vs.make())).toEqual([['Office', 'Bank'], ['Office'], ['Home']]); // on disk
    expect(await v.restoreGroups(r.undoToken)).toEqual({ restored: 2 });
    expect(await tagsOf(vs.make())).toEqual([['Work', 'Bank'], ['work'], ['Home']]);
    expect(await outcome(() => v.restoreGroups(r.undoToken))).toBe('not-found'); // single use
  });

  it('merges into an existing group (kept once, new spelling on the renamed accounts) and renames a change of case', async () => {
    const { v } = await seeded();
    await v.renameGroup('bank', 'HOME');
    expect(await tagsOf(v)).toEqual([['Work', 'HOME'], ['work'], ['Home']]); // 'c' was not in 'bank': untouched
    await v.renameGroup('work', 'Work');
    expect(await tagsOf(v)).toEqual([['Work', 'HOME'], ['Work'], ['Home']]);
    await v.renameGroup('Work', 'home');
    expect(await tagsOf(v)).toEqual([['home'], ['home'], ['Home']]);
    expect(await v.groups()).toEqual([{ name: 'home', count: 3 }]);
  });

  it('dissolves: the accounts stay, without the group; undo puts it back', async () => {
    const { v } = await seeded();
    const r = await v.dissolveGroup('work');
    expect(r.changed).toBe(2);
    expect(await tagsOf(v)).toEqual([['Bank'], [], ['Home']]);
    expect((await v.list()).length).toBe(3);
    expect(await v.restoreGroups(r.undoToken)).toEqual({ restored: 2 });
    expect(await tagsOf(v)).toEqual([['Work', 'Bank'], ['work'], ['Home']]);
  });

  it('undo leaves an account edited or deleted since as it is now', async () => {
    const { v, ids } = await seeded();
    const r = await v.dissolveGroup('Work');
    await v.update(ids[0]!, { tags: ['Later'] });
    await v.remove(ids[1]!);
    expect(await v.restoreGroups(r.undoToken)).toEqual({ restored: 0 });
    expect(await tagsOf(v)).toEqual([['Later'], ['Home']]);
  });

  it('refuses a bad new name or an unknown group and writes nothing', async () => {
    const { v } = await seeded();
    const before = readFileSync(join(vs.box.dir, VAULT_FILE));
    expect(await outcome(() => v.renameGroup('Work', 'Evil\u202Egnp'))).toBe('unsafe-name');
    expect(await outcome(() => v.renameGroup('Work', '   '))).toBe('invalid-group-name');
    expect(await outcome(() => v.renameGroup('Work', 'a, b'))).toBe('invalid-group-name');
    expect(await outcome(() => v.renameGroup('Work', 'x'.repeat(33)))).toBe('invalid-group-name');
    expect(await outcome(() => v.renameGroup('Nope', 'Other'))).toBe('group-not-found');
    expect(await outcome(() => v.dissolveGroup('Nope'))).toBe('group-not-found');
    expect(readFileSync(join(vs.box.dir, VAULT_FILE))).toEqual(before);
  });

  it('a failed write leaves the file and the accounts in memory untouched (all or nothing)', async () => {
    let fail = false;
    const { v } = await seeded({
      hooks: {
        file: {
          beforeRename: () => {
            if (fail) throw new Error('disk full');
          },
        },
      },
    });
    const before = readFileSync(join(vs.box.dir, VAULT_FILE));
    fail = true;
    await expect(v.renameGroup('Work', 'Office')).rejects.toThrow('disk full');
    await expect(v.dissolveGroup('Home')).rejects.toThrow('disk full');
    expect(readFileSync(join(vs.box.dir, VAULT_FILE))).toEqual(before);
    expect(readdirSync(vs.box.dir).some((n) => n.includes('.tmp-'))).toBe(false);
    expect(await tagsOf(v)).toEqual([['Work', 'Bank'], ['work'], ['Home']]);
    fail = false;
    expect(await tagsOf(vs.make())).toEqual([['Work', 'Bank'], ['work'], ['Home']]);
  });

  it('an undo expires with the undo window and dies on lock', async () => {
    const { v } = await seeded();
    const r = await v.dissolveGroup('Home');
    vs.clock.advance(30_001);
    expect(await outcome(() => v.restoreGroups(r.undoToken))).toBe('not-found');
    await v.setPassword(null, 'correct horse');
    const again = await v.dissolveGroup('Bank');
    await v.lock();
    await v.unlock('correct horse');
    expect(await outcome(() => v.restoreGroups(again.undoToken))).toBe('not-found');
  });
});
