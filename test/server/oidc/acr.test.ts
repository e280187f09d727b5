/**
 * acr ↔ Vertrauensniveau: the three spellings, the target (lowest acceptable level), essential
 * requests, and — for any input — never an answer above the level the session reached.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACR_VALUES_SUPPORTED,
  answerAcr,
  parseAcr,
  readAcrRequest,
} from '../../../server/oidc/acr';
import { MEANS_LEVELS, atLeast, isDataLevel } from '../../../shared/levels';

describe('acr values', () => {
  it('maps eIDAS LoA, our URNs and the bare words to levels; unknown values are ignored', () => {
    expect(parseAcr('http://eidas.europa.eu/LoA/substantial')).toEqual({
      level: 'substanziell',
      family: 'eidas',
    });
    expect(parseAcr('urn:faktor:tr-03160:hoch')).toEqual({ level: 'hoch', family: 'faktor' });
    expect(parseAcr('urn:faktor:tr-03160:basisregistrierung')).toEqual({
      level: 'basisregistrierung',
      family: 'faktor',
    });
    expect(parseAcr('niedrig')).toEqual({ level: 'niedrig', family: 'plain' });
    expect(parseAcr('http://eidas.europa.eu/LoA/NotNotified/high')).toBeUndefined();
    expect(
      readAcrRequest(
        'urn:x http://eidas.europa.eu/LoA/high http://eidas.europa.eu/LoA/substantial',
        undefined,
        undefined,
      ),
    ).toMatchObject({
      target: 'substanziell',
      authLevel: 'substanziell',
      family: 'eidas',
      unknownOnly: false,
    });
    expect(readAcrRequest(undefined, undefined, undefined)).toMatchObject({
      target: 'niedrig',
      family: 'faktor',
    });
    expect(
      readAcrRequest('urn:faktor:tr-03160:basisregistrierung', undefined, undefined),
    ).toMatchObject({ target: 'basisregistrierung', authLevel: 'niedrig' });
  });

  it('answers in the service spelling with the reached level; an essential request only with a named value', () => {
    const voluntary = readAcrRequest('http://eidas.europa.eu/LoA/low', undefined, undefined);
    expect(answerAcr('hoch', voluntary)).toBe('http://eidas.europa.eu/LoA/high');
    const essential = readAcrRequest(
      undefined,
      {
        essential: true,
        values: ['urn:faktor:tr-03160:substanziell', 'urn:faktor:tr-03160:niedrig'],
      },
      undefined,
    );
    expect(essential.target).toBe('niedrig');
    expect(answerAcr('hoch', essential)).toBe('urn:faktor:tr-03160:substanziell');
    expect(answerAcr('niedrig', essential)).toBe('urn:faktor:tr-03160:niedrig');
    expect(
      answerAcr(
        'niedrig',
        readAcrRequest(
          undefined,
          { essential: true, value: 'http://eidas.europa.eu/LoA/high' },
          undefined,
        ),
      ),
    ).toBeUndefined();
    expect(
      readAcrRequest(undefined, { essential: true, value: 'urn:unknown' }, undefined).unknownOnly,
    ).toBe(true);
  });

  it('property: any request parses to a data level, and no answer names more than the session reached', () => {
    const value = fc.oneof(fc.constantFrom(...ACR_VALUES_SUPPORTED), fc.string({ maxLength: 40 }));
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 5 }),
        fc.boolean(),
        fc.constantFrom(...MEANS_LEVELS),
        (values, essential, reached) => {
          const req = essential
            ? readAcrRequest(undefined, { essential: true, values }, undefined)
            : readAcrRequest(values.join(' '), undefined, undefined);
          expect(isDataLevel(req.target)).toBe(true);
          const answer = answerAcr(reached, req);
          if (answer === undefined) return;
          const level = parseAcr(answer)?.level;
          expect(level && atLeast(reached, level)).toBe(true);
        },
      ),
    );
  });
});
