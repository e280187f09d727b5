import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { NameList } from '../../../renderer/src/components/NameList';

describe('NameList', () => {
  it('lists each account as "Issuer (label)", or the label alone, each isolated in <bdi>', () => {
    const html = renderToStaticMarkup(
      <NameList
        className="duplicates"
        accounts={[
          { issuer: 'GitHub', label: 'alice' },
          { issuer: '', label: 'bob@example.org' },
          { issuer: 'בנק', label: 'דני' },
        ]}
      />,
    );
    expect(html).toBe(
      '<ul class="duplicates"><li><bdi>GitHub (alice)</bdi></li><li><bdi>bob@example.org</bdi></li><li><bdi>בנק (דני)</bdi></li></ul>',
    );
  });

  it('renders an empty list for no accounts', () => {
    expect(renderToStaticMarkup(<NameList className="scan-accounts" accounts={[]} />)).toBe(
      '<ul class="scan-accounts"></ul>',
    );
  });
});
