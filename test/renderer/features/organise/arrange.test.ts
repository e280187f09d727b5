import { describe, expect, it } from 'vitest';
import type { AccountView } from '../../../../shared/ipc/schemas';
import {
  allTags,
  arrangeIds,
  dropIndex,
  dropSlice,
  moveTarget,
} from '../../../../renderer/src/features/organise/arrange';
import { iconFor, normaliseIssuer } from '../../../../renderer/src/features/organise/service-icons';

/** Issue #12's list arrangement (pure): search, group filter, pinned first, three sort orders; moves stay in the pin group; icon matching. */

const acc = (id: string, o: Partial<AccountView> = {}): AccountView => ({
  id,
  type: 'totp',
  issuer: id,
  label: 'user',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  color: null,
  icon: null,
  createdAt: 0,
  pinned: false,
  tags: [],
  lastUsed: null,
  ...o,
});

const list = [
  acc('zulu', { lastUsed: 5 }),
  acc('Alpha', { tags: ['Work'] }),
  acc('mike', { pinned: true, tags: ['work', 'Bank'], lastUsed: 1 }),
  acc('bravo', { lastUsed: 9, tags: ['Bank'] }),
  acc('Émile', { pinned: true }),
];
const order = list.map((a) => a.id);
const byId = Object.fromEntries(list.map((a) => [a.id, a]));
const arrange = (o: Partial<Parameters<typeof arrangeIds>[2]> = {}) =>
  arrangeIds(order, byId, { query: '', tag: null, sort: 'manual', locale: 'en', ...o });

describe('arrangeIds', () => {
  it('manual: the vault order, pinned accounts first (in their own manual order)', () => {
    expect(arrange()).toEqual(['mike', 'Émile', 'zulu', 'Alpha', 'bravo']);
  });
  it('by name: collated (case and accents ignored), pinned first', () => {
    expect(arrange({ sort: 'name' })).toEqual(['Émile', 'mike', 'Alpha', 'bravo', 'zulu']);
  });
  it('by recent use: most recently copied first, never used last in manual order, pinned first', () => {
    expect(arrange({ sort: 'recent' })).toEqual(['mike', 'Émile', 'bravo', 'zulu', 'Alpha']);
  });
  it('the group filter ignores case; the search also finds tags', () => {
    expect(arrange({ tag: 'WORK' })).toEqual(['mike', 'Alpha']);
    expect(arrange({ query: 'bank' })).toEqual(['mike', 'bravo']);
    expect(arrange({ query: 'bank', tag: 'work' })).toEqual(['mike']);
    expect(arrange({ query: 'nothing' })).toEqual([]);
  });
  it('allTags lists each tag once, first spelling, sorted', () => {
    expect(allTags(list, 'en')).toEqual(['Bank', 'Work']);
  });
});

describe('moveTarget', () => {
  it('swaps with the visible neighbour, never across the pinned/unpinned border', () => {
    const shown = arrange();
    expect(moveTarget(shown, byId, 'mike', -1)).toBeNull();
    expect(moveTarget(shown, byId, 'mike', 1)).toBe('Émile');
    expect(moveTarget(shown, byId, 'Émile', 1)).toBeNull();
    expect(moveTarget(shown, byId, 'zulu', -1)).toBeNull();
    expect(moveTarget(shown, byId, 'zulu', 1)).toBe('Alpha');
    expect(moveTarget(shown, byId, 'bravo', 1)).toBeNull();
    expect(moveTarget(arrange({ tag: 'bank' }), byId, 'bravo', -1)).toBeNull();
    expect(moveTarget(['zulu', 'bravo'], byId, 'bravo', -1)).toBe('zulu');
  });
});

describe('iconFor', () => {
  it('matches issuers by slug, first word, alias or the icon field; unknown issuers get none', () => {
    expect(iconFor('GitHub', null)?.slug).toBe('github');
    expect(iconFor('GitHub Enterprise', null)?.slug).toBe('github');
    expect(iconFor('google.com', null)?.slug).toBe('google');
    expect(iconFor('Twitter', null)?.slug).toBe('x');
    expect(iconFor('Deutsche Bahn', null)?.slug).toBe('deutschebahn');
    expect(iconFor('My Company', 'gitlab')?.slug).toBe('gitlab');
    expect(iconFor('Servicekonto Berlin', null)).toBeNull();
    expect(iconFor('', null)).toBeNull();
    expect(normaliseIssuer('Ünïcode, Inc.')).toBe('unicodeinc');
  });
});

describe('drag and drop (dropIndex / dropSlice)', () => {
  // Shown: mike, Émile (pinned) | zulu, Alpha, bravo.
  const shown = arrange();
  it('a drop sends the shown accounts between the two places, in their new order', () => {
    expect(dropSlice(shown, byId, 'bravo', 'zulu')).toEqual(['bravo', 'zulu', 'Alpha']);
    expect(dropSlice(shown, byId, 'zulu', 'bravo')).toEqual(['Alpha', 'bravo', 'zulu']);
    expect(dropSlice(shown, byId, 'Alpha', 'bravo')).toEqual(['bravo', 'Alpha']);
  });
  it('a drop across the pin boundary stops at the edge of the own pin group', () => {
    expect(dropIndex(shown, byId, 'bravo', 'mike')).toBe(2);
    expect(dropSlice(shown, byId, 'bravo', 'mike')).toEqual(['bravo', 'zulu', 'Alpha']);
    expect(dropSlice(shown, byId, 'mike', 'bravo')).toEqual(['Émile', 'mike']);
  });
  it('nothing moves for a drop on itself, on the own group edge from outside, or on an unknown id', () => {
    expect(dropSlice(shown, byId, 'zulu', 'zulu')).toBeNull();
    expect(dropSlice(shown, byId, 'zulu', 'Émile')).toBeNull();
    expect(dropSlice(shown, byId, 'zulu', 'nobody')).toBeNull();
  });
  it('a move button is a drop on the neighbour', () => {
    expect(dropSlice(shown, byId, 'Alpha', moveTarget(shown, byId, 'Alpha', -1)!)).toEqual([
      'Alpha',
      'zulu',
    ]);
  });
});
