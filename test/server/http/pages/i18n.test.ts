import { describe, expect, it } from 'vitest';
import { negotiateLang, translator } from '../../../../server/i18n';
import { de } from '../../../../server/i18n/de';
import { en } from '../../../../server/i18n/en';
import { safeNext } from '../../../../server/http/pages/request';

describe('page language', () => {
  it('follows Accept-Language with q-values, German by default', () => {
    expect(negotiateLang(undefined)).toBe('de');
    expect(negotiateLang('en-US,en;q=0.9')).toBe('en');
    expect(negotiateLang('fr-FR, en;q=0.5, de;q=0.8')).toBe('de');
    expect(negotiateLang('de;q=0.1, en-GB;q=0.2')).toBe('en');
    expect(negotiateLang('en;q=0, de')).toBe('de');
    expect(negotiateLang('fr, *;q=0.1')).toBe('de');
    expect(negotiateLang('garbage;;;q=x,,')).toBe('de');
  });

  it('has the same keys in German and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
  });

  it('keeps domain words German in the English UI', () => {
    const t = translator('en');
    expect(t('level.substanziell')).toBe('substanziell');
    expect(t('level.basisregistrierung')).toBe('Basisregistrierung');
    expect(t('account.maxLevel')).toContain('Vertrauensniveau');
  });

  it('fills placeholders once, without re-expanding values', () => {
    const t = translator('de');
    expect(t('register.done.body', { username: '{username}<b>' })).toContain('{username}<b>');
  });
});

describe('safeNext', () => {
  it('keeps local paths and refuses anything that could leave the site', () => {
    expect(safeNext('/account')).toBe('/account');
    expect(safeNext('/means/abc/confirm?x=1')).toBe('/means/abc/confirm?x=1');
    for (const bad of [
      '//evil.example',
      '/\\evil',
      'https://evil.example',
      'javascript:alert(1)',
      '/a b',
      '/"x',
      '',
    ]) {
      expect(safeNext(bad)).toBe('/account');
    }
  });
});
