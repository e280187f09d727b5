import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { SafeHtml } from '../../../../server/http/pages/html';
import { escapeHtml, html, joinHtml, trustedHtml } from '../../../../server/http/pages/html';

describe('html tagged template', () => {
  it('escapes every interpolated string', () => {
    const evil = `<script>alert("x")</script>' onmouseover='x' \`y\` &amp;`;
    const out = html`<p title="${evil}">${evil}</p>`.value;
    expect(out).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;x&#39; &#96;y&#96; &amp;amp;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;x&#39; &#96;y&#96; &amp;amp;</p>',
    );
  });

  it('keeps nested templates as markup but escapes inside them', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}</p>`.value).toBe('<p><b>&lt;i&gt;</b></p>');
  });

  it('flattens arrays, drops null/undefined/false, prints numbers and true', () => {
    expect(html`${['<a>', html`<br>`, null, undefined, false, 0, 12n, true]}`.value).toBe(
      '&lt;a&gt;<br>012true',
    );
  });

  it('inserts trusted markup verbatim only when explicitly wrapped', () => {
    expect(html`${trustedHtml('<svg></svg>')}`.value).toBe('<svg></svg>');
    expect(html`${'<svg></svg>'}`.value).toBe('&lt;svg&gt;&lt;/svg&gt;');
  });

  it('escapes objects that sneak past the type instead of trusting them', () => {
    const sneaky = { toString: () => '<img src=x onerror=1>' } as unknown as string;
    expect(html`${sneaky}`.value).toBe('&lt;img src=x onerror=1&gt;');
    // A look-alike of SafeHtml that is not an instance is not trusted either.
    const fake = { value: '<b>' } as unknown as SafeHtml;
    expect(html`${fake}`.value).not.toContain('<b>');
  });

  it('joinHtml escapes parts and separator', () => {
    expect(joinHtml(['<a>', html`<b>`], ' & ').value).toBe('&lt;a&gt; &amp; <b>');
  });

  it('property: no interpolated string can produce a tag, an attribute break or an entity of its own', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const inner = html`${s}`.value;
        expect(inner).not.toMatch(/[<>"'`]/);
        expect(html`<p data-x="${s}">`.value).toBe(`<p data-x="${inner}">`);
        // Every & in the output starts one of our entities.
        expect(inner.replace(/&(amp|lt|gt|quot|#39|#96);/g, '')).not.toContain('&');
        expect(escapeHtml(s).length).toBeGreaterThanOrEqual(s.length);
      }),
    );
  });
});
